//! The saved-state schema: a round trip keeps everything; damaged, foreign, incomplete and newer
//! data is set aside with a reason (never dropped); the older format is migrated.

use closure::checklist::{Action::*, Checklist, Commitment, StepId::*};
use closure::saved::{decode, encode, set_aside_key, LoadOutcome, SavedChecklist, CURRENT_VERSION};

fn sample() -> SavedChecklist {
    let c = Checklist::default()
        .apply(AnswerCommitment(Commitment::NoCommitment))
        .unwrap()
        .apply(Tick(FindServices))
        .unwrap()
        .apply(Tick(RetrieveData))
        .unwrap()
        .apply(Tick(DeleteResources))
        .unwrap()
        .apply(RecordRequest { at: 1_000 })
        .unwrap()
        .apply(RecordEscalation { at: 4_000_000 })
        .unwrap();
    SavedChecklist {
        checklist: c,
        alias: "ACME <script>\"".into(),
        saved_at: 5_000_000,
    }
}

#[test]
fn round_trip_keeps_everything() {
    let saved = sample();
    let raw = encode(&saved);
    assert!(raw.contains(&format!("\"version\":{CURRENT_VERSION}")));
    assert_eq!(
        decode(Some(&raw)),
        LoadOutcome::Loaded {
            saved,
            migrated_from: None
        }
    );
}

#[test]
fn nothing_saved_is_a_first_visit() {
    assert_eq!(decode(None), LoadOutcome::Empty);
    assert_eq!(decode(Some("  ")), LoadOutcome::Empty);
}

#[test]
fn unreadable_data_is_set_aside_with_its_raw_text() {
    let newer = encode(&sample()).replace("\"version\":2", "\"version\":9");
    let incomplete = r#"{"schema":"offboard.checklist","version":2,"saved_at":1}"#;
    let cases = [
        ("{not json", "damaged"),
        ("[1,2,3]", "damaged"),
        (r#"{"schema":"other.app","version":2}"#, "something else"),
        (incomplete, "incomplete"),
        (newer.as_str(), "newer version"),
        (
            r#"{"schema":"offboard.checklist","version":1,"ticks":"yes"}"#,
            "incomplete",
        ),
    ];
    for (raw, why) in cases {
        match decode(Some(raw)) {
            LoadOutcome::SetAside { raw: kept, reason } => {
                assert_eq!(kept, raw);
                assert!(reason.contains(why), "{raw}: {reason}");
            }
            other => panic!("{raw} was not set aside: {other:?}"),
        }
    }
}

#[test]
fn version_one_is_migrated() {
    let v1 = r#"{"schema":"offboard.checklist","version":1,"saved_at":7,"ticks":[true,true,true,true],"requested_at":1000}"#;
    let LoadOutcome::Loaded {
        saved,
        migrated_from,
    } = decode(Some(v1))
    else {
        panic!("not loaded")
    };
    assert_eq!(migrated_from, Some(1));
    assert_eq!(saved.checklist.requested_at, Some(1000));
    assert_eq!(saved.checklist.commitment, Commitment::NoCommitment);
    assert_eq!(saved.checklist.done_count(), 4);
    // Re-encoding writes the current version.
    assert!(encode(&saved).contains("\"version\":2"));
}

#[test]
fn invariants_are_restored_from_tampered_ticks() {
    // Step 3 ticked without 1 and 2, a step-4 tick without a request time.
    let raw = r#"{"schema":"offboard.checklist","version":2,"saved_at":1,"alias":"","commitment":"NoCommitment","ticks":[false,false,true,true],"requested_at":null,"confirmed_at":5,"escalated_at":null}"#;
    let LoadOutcome::Loaded { saved, .. } = decode(Some(raw)) else {
        panic!("not loaded")
    };
    assert_eq!(saved.checklist.done_count(), 0);
    assert_eq!(saved.checklist.confirmed_at, None);
}

#[test]
fn set_aside_keys_are_distinct_per_moment() {
    assert_ne!(set_aside_key(1), set_aside_key(2));
    assert!(set_aside_key(1).starts_with("offboard.checklist.set-aside."));
}
