//! Step 2's marks as stored: they round-trip, a server keeps its mark when it is archived, and
//! anything unreadable (damaged, another schema, a newer version) is set aside, not loaded; a
//! mark is found by its family and alias, and no marks mark nothing.

use closure::marks::{decode, encode, DataMarks, Decoded, Mark};
use closure::{ResourceId, ResourceKind};

#[test]
fn round_trips_and_keeps_marks_across_archiving() {
    let mut marks = DataMarks::default();
    marks.set(
        &ResourceId::new(ResourceKind::Server, "va1web01"),
        Mark::Retrieved,
    );
    let Decoded::Loaded(back) = decode(Some(&encode(&marks, 5))) else {
        panic!("decodes");
    };
    let archived = ResourceId::new(ResourceKind::ArchivedServer, "va1web01");
    assert_eq!(back.get(&archived), Some(Mark::Retrieved));
}

#[test]
fn a_mark_is_found_by_its_family_and_alias_and_no_marks_mark_nothing() {
    let server = ResourceId::new(ResourceKind::Server, "va1web01");
    let mut in_sub = server.clone();
    in_sub.account = "L001".into();
    let mut marks = DataMarks::default();
    assert!(!marks.is_marked(&server) && !marks.is_marked(&in_sub));
    assert_eq!(marks.get(&server), None);
    marks.set(&in_sub, Mark::NotNeeded);
    assert!(!marks.is_marked(&server));
    assert_eq!(marks.get(&server), None);
    let archived = ResourceId::new(ResourceKind::ArchivedServer, "va1web01");
    let mut archived_in_sub = archived.clone();
    archived_in_sub.account = "L001".into();
    assert!(marks.is_marked(&archived_in_sub));
    assert_eq!(marks.get(&archived_in_sub), Some(Mark::NotNeeded));
    assert!(!marks.is_marked(&archived));
}

#[test]
fn unreadable_data_is_set_aside() {
    for raw in [
        "{oops",
        r#"{"schema":"other","version":1}"#,
        r#"{"schema":"offboard.marks","version":9}"#,
    ] {
        assert!(
            matches!(decode(Some(raw)), Decoded::SetAside { .. }),
            "{raw}"
        );
    }
    assert_eq!(decode(None), Decoded::Empty);
}

#[test]
fn manual_answers_round_trip_and_unreadable_ones_are_set_aside() {
    use closure::manual_marks::{self, ManualMark, ManualMarks};
    use closure::stored::Decoded;

    let mut answers = ManualMarks::default();
    answers.set("dns", Some(ManualMark::NotApplicable));
    let saved = manual_marks::encode(&answers, 5);
    assert_eq!(manual_marks::decode(Some(&saved)), Decoded::Loaded(answers));
    // Step 2's marks under the manual key, damage, and a newer version: kept aside with a
    // sentence that names what they are, never read as no answers at all.
    for (raw, says) in [
        (encode(&DataMarks::default(), 5), "belong to something else"),
        ("{oops".to_string(), "could not be read"),
        (
            r#"{"schema":"offboard.manual","version":2,"savedAt":5,"marks":{}}"#.to_string(),
            "newer version",
        ),
    ] {
        match manual_marks::decode(Some(&raw)) {
            Decoded::SetAside { raw: kept, reason } => {
                assert_eq!(kept, raw);
                assert!(
                    reason.contains("answers about the manual items"),
                    "{reason}"
                );
                assert!(reason.contains(says), "{reason}");
            }
            other => panic!("{raw}: {other:?}"),
        }
    }
}
