//! Step 2's marks as stored: they round-trip, a server keeps its mark when it is archived, and
//! anything unreadable (damaged, another schema, a newer version) is set aside, not loaded.

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
