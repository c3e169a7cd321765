//! Hourly cost by data center and by kind, as two bar charts.

use closure::cost::{by_data_center, by_kind, Totals};
use closure::Inventory;
use yew::prelude::*;

use super::bars::{bar_chart, Bar};
use crate::components::common::ByPtr;

fn bar(label: String, t: &Totals) -> Bar {
    Bar {
        label,
        hourly: t.hourly,
        unknown: t.unknown_cost,
        count: t.count,
        estimate: t.includes_estimates,
    }
}

#[derive(Properties, PartialEq)]
pub struct HourlyChartProps {
    pub inventory: ByPtr<Inventory>,
}

#[component]
pub fn HourlyChart(props: &HourlyChartProps) -> Html {
    let bars = use_memo(props.inventory.clone(), |inv| {
        let by_dc: Vec<Bar> = by_data_center(&inv.0)
            .iter()
            .map(|s| {
                let label = s
                    .data_center
                    .clone()
                    .unwrap_or_else(|| "Account-wide".into());
                bar(label, &s.totals)
            })
            .collect();
        // Free kinds (groups, policies) would only add empty bars.
        let by_kind: Vec<Bar> = by_kind(&inv.0)
            .iter()
            .filter(|s| s.totals.hourly > 0.0 || s.totals.unknown_cost > 0)
            .map(|s| bar(s.kind.label().to_string(), &s.totals))
            .collect();
        (by_dc, by_kind)
    });
    html! {
        <section class="ob-inv-section" aria-labelledby="ob-inv-chart-title">
            <h3 id="ob-inv-chart-title">{ "Hourly cost at a glance" }</h3>
            <div class="ob-inv-charts">
                { bar_chart("ob-inv-chart-dc", "Per hour, by data center", &bars.0) }
                { bar_chart("ob-inv-chart-kind", "Per hour, by kind", &bars.1) }
            </div>
        </section>
    }
}
