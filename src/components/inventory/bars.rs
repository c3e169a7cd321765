//! A horizontal bar chart in SVG: bar lengths are `<rect width>` attributes (the page's CSP
//! allows no inline styles), every bar carries its figure as text and a `<title>`, and the same
//! figures are offered as a table.

use yew::prelude::*;

use crate::components::common::format::hourly_with_unknown;

/// One bar: a label, dollars per hour over the known rates, and how many rates are unknown.
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    pub label: String,
    pub hourly: f64,
    pub unknown: usize,
    pub count: usize,
    pub estimate: bool,
}

impl Bar {
    pub fn figure(&self) -> String {
        if self.count > 0 && self.unknown == self.count {
            return "unknown".into();
        }
        let mut text = hourly_with_unknown(self.hourly, self.unknown);
        if self.estimate {
            text.push_str(" estimate");
        }
        text
    }
}

/// Each row: the label and its figure on one line, the bar under it across the whole width, so
/// the text keeps a readable size when a narrow screen scales the chart down (a label column
/// beside the bars shrank it to about 5 px at 375 px).
const ROW: u32 = 42;
const WIDTH: f64 = 400.0;

/// The chart of `bars` titled `title`; `id` is unique on the page and prefixes the element ids.
pub fn bar_chart(id: &'static str, title: &'static str, bars: &[Bar]) -> Html {
    let max = bars.iter().map(|b| b.hourly).fold(0.0_f64, f64::max);
    let height = ROW * bars.len() as u32 + 4;
    let title_id = format!("{id}-title");
    let rows = bars.iter().enumerate().map(|(i, bar)| {
        let y = ROW * i as u32;
        let width = if max > 0.0 {
            (bar.hourly / max * WIDTH).max(1.0)
        } else {
            0.0
        };
        let width = if bar.hourly > 0.0 { width } else { 0.0 };
        let class = classes!("ob-inv-bar", bar.estimate.then_some("ob-inv-bar-estimate"));
        html! {
            <g>
                <title>{ format!("{}: {}", bar.label, bar.figure()) }</title>
                <text x="0" y={(y + 16).to_string()}>{ format!("{}: {}", bar.label, bar.figure()) }</text>
                <rect class={class} x="0" y={(y + 22).to_string()}
                    width={format!("{width:.1}")} height="14" />
            </g>
        }
    });
    let table_rows = bars.iter().map(|bar| {
        html! {
            <tr><th scope="row">{ &bar.label }</th><td class="ob-num">{ bar.figure() }</td></tr>
        }
    });
    html! {
        <figure class="ob-inv-chart" data-testid={id}>
            <figcaption>{ title }</figcaption>
            <svg class="ob-inv-bars" viewBox={format!("0 0 {WIDTH} {height}")} role="img"
                aria-labelledby={title_id.clone()} preserveAspectRatio="xMinYMin meet">
                <title id={title_id}>{ format!("{title} (bar chart; the same figures follow as a table)") }</title>
                { for rows }
            </svg>
            <details class="ob-inv-chart-table">
                <summary>{ "The same figures as a table" }</summary>
                <table class="ob-inv-table">
                    <caption>{ title }</caption>
                    <thead><tr><th scope="col">{ "Where" }</th><th scope="col">{ "Per hour" }</th></tr></thead>
                    <tbody>{ for table_rows }</tbody>
                </table>
            </details>
        </figure>
    }
}
