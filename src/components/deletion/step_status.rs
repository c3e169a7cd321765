//! A step's journal record said in words for its row: its state, its operation id, and when a
//! step whose answer was lost is looked at next, in the customer's time.

use closure::journal::{Confirmation, StepRecord, StepStatus};

use crate::components::common::format::time_of_day;

/// A step's state in words, with the operation id when there is one. `utc_offset_minutes`: the
/// customer's offset from UTC at the step's next look, the one instant said as a time of day;
/// `now_ms`: the page's clock, so a next look already past (a journal read back after a reload,
/// a tab that slept) is said to be due now, not as a time of day that reads like one to come.
pub fn status_words(record: &StepRecord, utc_offset_minutes: i32, now_ms: u64) -> String {
    let note = |base: &str| match &record.note {
        Some(n) => format!("{base} ({n})"),
        None => base.to_string(),
    };
    match &record.status {
        StepStatus::Pending if record.sends == 0 => note("Pending"),
        StepStatus::Pending => note("Not accepted yet; it will be sent again"),
        // Sent, the answer was lost and a re-read found the item still there: when it looks next.
        StepStatus::Sent if record.note.is_some() && record.next_look_ms.is_some() => {
            let at = record.next_look_ms.unwrap_or_default();
            let when = if at <= now_ms {
                "the next look is due now".to_string()
            } else {
                format!("next look at {}", time_of_day(at, utc_offset_minutes))
            };
            format!(
                "No answer came, and the item was still there when read back: checking whether \
                 the delete arrived, {when}. The call is sent again only once the service can no \
                 longer be acting on it"
            )
        }
        // Sent, and the answer was lost (the note says how): see `closure`'s `uncertain`.
        StepStatus::Sent if record.note.is_some() => note(
            "No answer came. The item is read back; the call is sent again only once the \
             service can no longer be acting on it",
        ),
        StepStatus::Sent => note("Sent; waiting for the answer"),
        // Accepted, and the re-reads that confirm it have got no usable answer for a while
        // (`closure`'s `Event::Unsettled`): since when, and what the customer can do meanwhile.
        StepStatus::Queued { tracking } | StepStatus::Executing { tracking }
            if record.unsettled_since_ms.is_some() =>
        {
            let since = time_of_day(
                record.unsettled_since_ms.unwrap_or_default(),
                utc_offset_minutes,
            );
            let operation = tracking
                .operation_id()
                .map_or_else(String::new, |op| format!(" (operation {op})"));
            format!(
                "Accepted{operation}, but not confirmed gone: since {since}, reading it back \
                 gets no usable answer. This tool keeps checking. You can also look for it in \
                 the Control Portal, or ask {}.",
                closure::escalation::HELP_EMAIL
            )
        }
        StepStatus::Queued { tracking } => match tracking.operation_id() {
            Some(op) => format!("Queued, operation {op}"),
            None => "Accepted; checking that it is gone".into(),
        },
        StepStatus::Executing { tracking } => match tracking.operation_id() {
            Some(op) => format!("Executing, operation {op}"),
            None => "Executing".into(),
        },
        StepStatus::Succeeded {
            how: Confirmation::Confirmed,
        } => "Succeeded: deleted".into(),
        StepStatus::Succeeded {
            how: Confirmation::AlreadyGone,
        } => "Succeeded: it was already gone".into(),
        StepStatus::Succeeded {
            how: Confirmation::FoundGone,
        } => "Succeeded: found gone (nothing sent again)".into(),
        StepStatus::Failed { reason } => format!("Failed: {reason}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn states_are_said_with_their_operation() {
        let record = StepRecord {
            status: StepStatus::Queued {
                tracking: closure::journal::Tracking::Queue {
                    status_id: "va1-123".into(),
                },
            },
            ..StepRecord::default()
        };
        assert_eq!(status_words(&record, 0, 0), "Queued, operation va1-123");
        assert_eq!(status_words(&StepRecord::default(), 0, 0), "Pending");
    }

    #[test]
    fn a_sent_step_whose_answer_was_lost_says_what_happens_next() {
        let in_flight = StepRecord {
            status: StepStatus::Sent,
            ..StepRecord::default()
        };
        assert_eq!(
            status_words(&in_flight, 0, 0),
            "Sent; waiting for the answer"
        );
        let lost = StepRecord {
            note: Some("no answer within 120 s".into()),
            ..in_flight
        };
        let words = status_words(&lost, 0, 0);
        assert!(words.starts_with("No answer came."), "{words}");
        assert!(words.contains("no longer be acting on it"), "{words}");
        assert!(words.ends_with("(no answer within 120 s)"), "{words}");
    }

    #[test]
    fn an_accepted_step_whose_reads_get_no_answer_says_since_when_and_what_to_do() {
        // 2026-12-05 14:02:10 UTC, said in Paris in winter (UTC+1).
        let since = 1_796_479_330_000;
        let queued = StepRecord {
            status: StepStatus::Queued {
                tracking: closure::journal::Tracking::Queue {
                    status_id: "va1-123".into(),
                },
            },
            unsettled_since_ms: Some(since),
            ..StepRecord::default()
        };
        assert_eq!(
            status_words(&queued, 60, since + 60_000),
            "Accepted (operation va1-123), but not confirmed gone: since 15:02:10, reading it \
             back gets no usable answer. This tool keeps checking. You can also look for it in \
             the Control Portal, or ask help@ctl.io."
        );
        // Once a read answers again, the notice is gone.
        let answered = StepRecord {
            unsettled_since_ms: None,
            ..queued
        };
        assert_eq!(status_words(&answered, 60, 0), "Queued, operation va1-123");
    }

    /// A step whose delete got no answer and whose item was still there when read back: the
    /// next look is due at `at`.
    fn waiting_step(at: u64) -> StepRecord {
        StepRecord {
            status: StepStatus::Sent,
            note: Some("checking whether the delete arrived: the item was still there".into()),
            next_look_ms: Some(at),
            ..StepRecord::default()
        }
    }

    #[test]
    fn the_next_look_is_said_in_the_customers_time_in_one_sentence() {
        // 2026-12-05 14:02:10 UTC.
        let at = 1_796_479_330_000;
        let waiting = waiting_step(at);
        let expected = |time: &str| {
            format!(
                "No answer came, and the item was still there when read back: checking whether \
                 the delete arrived, next look at {time}. The call is sent again only once the \
                 service can no longer be acting on it"
            )
        };
        assert_eq!(status_words(&waiting, 0, at - 1), expected("14:02:10"));
        // Paris in winter (UTC+1), New York (UTC−5), India (UTC+5:30), across midnight (UTC+14).
        assert_eq!(status_words(&waiting, 60, at - 1), expected("15:02:10"));
        assert_eq!(status_words(&waiting, -300, at - 1), expected("09:02:10"));
        assert_eq!(status_words(&waiting, 330, at - 1), expected("19:32:10"));
        assert_eq!(
            status_words(&waiting, 14 * 60, at - 1),
            expected("04:02:10")
        );
        let words = status_words(&waiting, 60, at - 1);
        assert_eq!(words.matches("No answer came").count(), 1, "{words}");
        assert!(!words.contains("UTC"), "{words}");
    }

    #[test]
    fn a_next_look_already_past_is_said_to_be_due_now() {
        // 2026-12-05 14:02:10 UTC, read back after a reload an hour later (or at that instant).
        let at = 1_796_479_330_000;
        let waiting = waiting_step(at);
        for now in [at, at + 3_600_000] {
            assert_eq!(
                status_words(&waiting, 60, now),
                "No answer came, and the item was still there when read back: checking whether \
                 the delete arrived, the next look is due now. The call is sent again only once \
                 the service can no longer be acting on it"
            );
        }
    }
}
