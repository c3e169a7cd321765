//! Large journal records (the `Started` entry holds the whole plan, the `Finished` entry the
//! ledger) are stored packed: the same JSON, with each repeat of an earlier stretch of at least
//! [`MIN_MATCH`] bytes replaced by a reference to it (LZ77). A plan of a large account repeats
//! its field names, data centers and reasons thousands of times, so the record shrinks to about
//! a tenth, and the browser's storage (about five million characters per page) holds the
//! journal of a 10,000-server run.
//!
//! A packed record is `z1:` followed by the packed text; every other record is plain JSON, as
//! before, so journals written before packing existed read back unchanged. Packed text is the
//! JSON's own characters, except that a reference is `\u{1}`, then the distance back and the
//! length, each a number in [`write_number`]'s form. serde_json escapes every control
//! character inside strings, so `\u{1}` never occurs in the JSON itself.
//!
//! [`pack_record`] unpacks what it packed and keeps the plain record unless it reads back byte
//! for byte: packing can cost bytes, never an entry.

/// The start of a packed record.
pub const PACKED_PREFIX: &str = "z1:";
/// Records shorter than this stay plain (step events are a few hundred bytes).
pub const PACK_FROM: usize = 2048;
/// The shortest repeat worth a reference (a reference takes 3 to 8 characters).
const MIN_MATCH: usize = 8;
const MARK: u8 = 1;
/// More than any browser stores for a page: a damaged length is refused, not allocated.
const MAX_UNPACKED: usize = 1 << 28;
const HASH_BITS: u32 = 16;
/// How many earlier places with the same first bytes are tried for each position.
const CHAIN: usize = 24;

/// The record as stored: packed when it is long and packing makes it shorter and reads back
/// exactly; else `json` unchanged.
pub fn pack_record(json: String) -> String {
    if json.len() < PACK_FROM || json.as_bytes().contains(&MARK) {
        return json;
    }
    let packed = format!("{PACKED_PREFIX}{}", pack(&json));
    if packed.len() < json.len() && unpack_record(&packed).as_deref() == Ok(json.as_str()) {
        packed
    } else {
        json
    }
}

/// The JSON of a stored record: a packed or short one restored, any other as it is.
pub fn unpack_record(record: &str) -> Result<String, String> {
    if let Some(packed) = record.strip_prefix(PACKED_PREFIX) {
        return unpack(packed);
    }
    if let Some(short) = record.strip_prefix(SHORT_PREFIX) {
        return expand(short);
    }
    Ok(record.to_string())
}

/// The event's name in a stored record, read without unpacking it (a quick look at a journal's
/// last record): from a short record's letter, or from the envelope, which a packed record
/// keeps whole.
pub fn event_name(record: &str) -> Option<&str> {
    if let Some(short) = record.strip_prefix(SHORT_PREFIX) {
        let tag = short.split(',').nth(2)?;
        return Some(
            TAGS.iter()
                .find(|(_, letter)| *letter == tag)
                .map_or(tag, |(name, _)| name),
        );
    }
    let json = record.strip_prefix(PACKED_PREFIX).unwrap_or(record);
    let rest = &json[json.find(ENVELOPE_EVENT)? + ENVELOPE_EVENT.len()..];
    Some(&rest[..rest.find('"')?])
}

/// The start of a short record: a step event's entry without its envelope's names.
pub const SHORT_PREFIX: &str = "c:";
const ENVELOPE_SEQ: &str = r#"{"v":1,"seq":"#;
const ENVELOPE_AT: &str = r#","atMs":"#;
const ENVELOPE_EVENT: &str = r#","event":{"event":""#;
const STEP_FIELD: &str = r#""step":"#;

/// Each event's letter in a short record. A tag not listed is written whole (longer than one
/// letter, so never mistaken for one).
pub const TAGS: &[(&str, &str)] = &[
    ("sending", "s"),
    ("accepted", "a"),
    ("executing", "x"),
    ("succeeded", "d"),
    ("failed", "f"),
    ("diverged", "v"),
    ("notAccepted", "n"),
    ("unanswered", "u"),
    ("retry", "r"),
    ("resumed", "m"),
    ("paused", "p"),
    ("stopped", "o"),
    ("halted", "h"),
    ("started", "b"),
    ("finished", "e"),
];

/// The record as stored: `{"v":1,"seq":S,"atMs":T,"event":{"event":"E",F}}` as `c:S,T,e,F`
/// (`c:S,T,e` without fields), where `S` and `T` are in base 36, `e` is the event's letter in [`TAGS`], and fields that
/// start with the step, `"step":"…"`, start with `="…"` instead: about 55 characters less on
/// each of a run's tens of thousands of step events. A long record is packed (see the module);
/// any other is unchanged. Whatever is stored
/// reads back as exactly `json` (checked before it is returned; else `json` is kept).
pub fn encode_record(json: String) -> String {
    if json.len() >= PACK_FROM {
        return pack_record(json);
    }
    match shorten(&json) {
        Some(short) if expand(&short[SHORT_PREFIX.len()..]).as_deref() == Ok(json.as_str()) => {
            short
        }
        _ => json,
    }
}

fn shorten(json: &str) -> Option<String> {
    let rest = json.strip_prefix(ENVELOPE_SEQ)?;
    let (seq, rest) = rest.split_at(rest.find(|c: char| !c.is_ascii_digit())?);
    let rest = rest.strip_prefix(ENVELOPE_AT)?;
    let (at, rest) = rest.split_at(rest.find(|c: char| !c.is_ascii_digit())?);
    let rest = rest.strip_prefix(ENVELOPE_EVENT)?;
    let (tag, rest) = rest.split_at(rest.find('"')?);
    if !tag.chars().all(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    let (seq, at) = (base36(seq.parse().ok()?), base36(at.parse().ok()?));
    let tag = TAGS
        .iter()
        .find(|(name, _)| *name == tag)
        .map_or(tag, |(_, letter)| letter);
    let fields = rest.strip_prefix('"')?.strip_suffix("}}")?;
    Some(match fields.strip_prefix(',') {
        Some(fields) => match fields.strip_prefix(STEP_FIELD) {
            Some(step) => format!("{SHORT_PREFIX}{seq},{at},{tag},={step}"),
            None => format!("{SHORT_PREFIX}{seq},{at},{tag},{fields}"),
        },
        None if fields.is_empty() => format!("{SHORT_PREFIX}{seq},{at},{tag}"),
        None => return None,
    })
}

/// `n` in base 36, lower case (a time in ms: 8 characters instead of 13).
fn base36(mut n: u64) -> String {
    let mut digits = Vec::new();
    loop {
        digits.push(b"0123456789abcdefghijklmnopqrstuvwxyz"[(n % 36) as usize]);
        n /= 36;
        if n == 0 {
            break;
        }
    }
    digits.reverse();
    String::from_utf8(digits).expect("ASCII digits")
}

fn expand(short: &str) -> Result<String, String> {
    let mut parts = short.splitn(4, ',');
    let (Some(seq), Some(at), Some(tag)) = (parts.next(), parts.next(), parts.next()) else {
        return Err("the short record lacks its sequence number, time or event".into());
    };
    let number = |s: &str| {
        (!s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_digit() || c.is_ascii_lowercase()))
        .then(|| u64::from_str_radix(s, 36).ok())
        .flatten()
    };
    let (Some(seq), Some(at)) = (number(seq), number(at)) else {
        return Err("the short record's sequence number or time is damaged".into());
    };
    if !tag.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err("the short record's event is damaged".into());
    }
    let tag = match tag.len() {
        1 => TAGS
            .iter()
            .find(|(_, letter)| *letter == tag)
            .map(|(name, _)| *name)
            .ok_or_else(|| format!("the short record names no known event ({tag})"))?,
        _ => tag,
    };
    let fields = match parts.next() {
        Some(f) => match f.strip_prefix('=') {
            Some(step) => format!(",{STEP_FIELD}{step}"),
            None => format!(",{f}"),
        },
        None => String::new(),
    };
    Ok(format!(
        "{ENVELOPE_SEQ}{seq}{ENVELOPE_AT}{at}{ENVELOPE_EVENT}{tag}\"{fields}}}}}"
    ))
}

fn hash(bytes: &[u8]) -> usize {
    let word = u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]);
    (word.wrapping_mul(2_654_435_761) >> (32 - HASH_BITS)) as usize
}

/// Earlier positions by their first four bytes: `head` the latest, `prev` the one before each.
struct Chains {
    head: Vec<usize>,
    prev: Vec<usize>,
}

impl Chains {
    fn insert(&mut self, bytes: &[u8], pos: usize) {
        if pos + 4 <= bytes.len() {
            let h = hash(&bytes[pos..]);
            self.prev[pos] = self.head[h];
            self.head[h] = pos;
        }
    }
}

/// Greedy LZ77 over the UTF-8 bytes, references starting and ending on character boundaries
/// (so the literal stretches between them stay whole characters).
fn pack(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(bytes.len() / 4);
    let mut chains = Chains {
        head: vec![usize::MAX; 1 << HASH_BITS],
        prev: vec![usize::MAX; bytes.len()],
    };
    // The envelope up to the event's name stays as it is, so [`event_name`] reads it packed.
    let whole = text
        .find(ENVELOPE_EVENT)
        .map(|at| at + ENVELOPE_EVENT.len())
        .and_then(|from| text[from..].find('"').map(|end| from + end + 1))
        .unwrap_or(0);
    let mut pos = 0;
    while pos < bytes.len() {
        let mut best = (0usize, 0usize);
        if pos >= whole && pos + MIN_MATCH <= bytes.len() && text.is_char_boundary(pos) {
            let mut candidate = chains.head[hash(&bytes[pos..])];
            let mut tries = 0;
            while candidate != usize::MAX && tries < CHAIN {
                let len = bytes[candidate..]
                    .iter()
                    .zip(&bytes[pos..])
                    .take_while(|(a, b)| a == b)
                    .count();
                if len > best.1 {
                    best = (pos - candidate, len);
                }
                candidate = chains.prev[candidate];
                tries += 1;
            }
        }
        let (distance, mut len) = best;
        while len > 0 && !text.is_char_boundary(pos + len) {
            len -= 1;
        }
        if len >= MIN_MATCH {
            out.push(MARK);
            write_number(&mut out, distance);
            write_number(&mut out, len);
            for p in pos..pos + len {
                chains.insert(bytes, p);
            }
            pos += len;
        } else {
            out.push(bytes[pos]);
            chains.insert(bytes, pos);
            pos += 1;
        }
    }
    String::from_utf8(out).expect("references split no character")
}

/// A number as ASCII, five bits a character, lowest first: `P`..`o` for a group more follow,
/// `0`..`O` for the last one.
fn write_number(out: &mut Vec<u8>, mut n: usize) {
    while n >= 32 {
        out.push(b'P' + (n & 31) as u8);
        n >>= 5;
    }
    out.push(b'0' + n as u8);
}

/// Reads one number of a reference. Numbers past `u32::MAX` are refused on every target (a
/// 32-bit `usize` on wasm32 could not hold them): only damaged storage has them.
fn read_number(bytes: &[u8], at: &mut usize) -> Result<usize, String> {
    let out_of_range = || "the packed record has a reference out of range".to_string();
    let mut n = 0u64;
    let mut shift = 0u32;
    loop {
        let Some(&c) = bytes.get(*at) else {
            return Err("the packed record ends inside a reference".into());
        };
        *at += 1;
        let (bits, last) = match c {
            b'0'..=b'O' => (c - b'0', true),
            b'P'..=b'o' => (c - b'P', false),
            _ => return Err(format!("the packed record has a bad reference at {at}")),
        };
        // Seven digits hold 35 bits, more than a u32: an eighth is never needed.
        if shift > 30 {
            return Err(out_of_range());
        }
        n |= u64::from(bits) << shift;
        shift += 5;
        if last {
            return u32::try_from(n)
                .ok()
                .and_then(|n| usize::try_from(n).ok())
                .ok_or_else(out_of_range);
        }
    }
}

fn unpack(packed: &str) -> Result<String, String> {
    let bytes = packed.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(bytes.len() * 8);
    let mut at = 0;
    while at < bytes.len() {
        if bytes[at] != MARK {
            out.push(bytes[at]);
            at += 1;
            continue;
        }
        at += 1;
        let distance = read_number(bytes, &mut at)?;
        let len = read_number(bytes, &mut at)?;
        if len > MAX_UNPACKED.saturating_sub(out.len()) {
            return Err("the packed record unpacks to more than any journal holds".into());
        }
        if distance == 0 || distance > out.len() {
            return Err(format!(
                "the packed record refers to text before its start (at {at})"
            ));
        }
        let from = out.len() - distance;
        // Byte by byte: a reference may overlap the text it produces.
        for i in 0..len {
            out.push(out[from + i]);
        }
    }
    String::from_utf8(out).map_err(|_| "the packed record unpacks to invalid text".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reference_number_past_u32_is_refused_not_wrapped() {
        let read = |text: &str| read_number(text.as_bytes(), &mut 0);
        // The largest number a reference may hold still reads.
        assert_eq!(read("oooooo3"), Ok(u32::MAX as usize));
        assert_eq!(read("P1"), Ok(32));
        // Damaged storage: one more, 35 bits, and a run of digits past any width.
        let refused = Err("the packed record has a reference out of range".to_string());
        assert_eq!(read("oooooo4"), refused);
        assert_eq!(read("ooooooO"), refused);
        assert_eq!(read("PPPPPPPPPPPP1"), refused);
        assert_eq!(read("ooooooooooooooooooooO"), refused);
        // And inside a record: an error, never a panic.
        let damaged = format!("ab{}ooooooooooO3", MARK as char);
        assert!(unpack(&damaged).is_err());
    }

    #[test]
    fn short_records_stay_plain_and_long_ones_read_back_exactly() {
        let short = r#"{"v":1,"seq":3,"atMs":5,"event":{"event":"paused"}}"#.to_string();
        assert_eq!(pack_record(short.clone()), short);
        let long: String = (0..400)
            .map(|i| {
                format!(r#"{{"id":"server-{i}","label":"Réseau été {i} ✓","kind":"server"}},"#)
            })
            .collect();
        let packed = pack_record(long.clone());
        assert!(packed.starts_with(PACKED_PREFIX));
        assert!(
            packed.len() * 3 < long.len(),
            "{} of {}",
            packed.len(),
            long.len()
        );
        assert_eq!(unpack_record(&packed).unwrap(), long);
        // A packed entry keeps its envelope whole: its event is read without unpacking.
        let finished = format!(
            r#"{{"v":1,"seq":9,"atMs":5,"event":{{"event":"finished","ledger":[{long}]}}}}"#
        );
        let packed = encode_record(finished.clone());
        assert!(packed.starts_with(PACKED_PREFIX));
        assert_eq!(event_name(&packed), Some("finished"));
        assert_eq!(event_name(&finished), Some("finished"));
        assert_eq!(unpack_record(&packed).unwrap(), finished);
        assert_eq!(event_name("c:3,5,o"), Some("stopped"));
        assert_eq!(event_name("(record missing)"), None);
        assert_eq!(unpack_record(&long).unwrap(), long);
    }

    #[test]
    fn step_events_are_stored_short_and_read_back_exactly() {
        let sending = r#"{"v":1,"seq":12,"atMs":1793610000000,"event":{"event":"sending","step":"publicIp:66.155.9.83"}}"#;
        let short = encode_record(sending.to_string());
        assert_eq!(short, r#"c:c,mvz131c0,s,="publicIp:66.155.9.83""#);
        assert_eq!(unpack_record(&short).unwrap(), sending);
        let paused = r#"{"v":1,"seq":3,"atMs":5,"event":{"event":"paused"}}"#;
        assert_eq!(encode_record(paused.to_string()), "c:3,5,p");
        assert_eq!(unpack_record("c:3,5,p").unwrap(), paused);
        // A field other than the step first, and an event this version does not know.
        let halted = r#"{"v":1,"seq":4,"atMs":6,"event":{"event":"halted","reason":"a, b"}}"#;
        assert_eq!(
            encode_record(halted.to_string()),
            r#"c:4,6,h,"reason":"a, b""#
        );
        assert_eq!(unpack_record(r#"c:4,6,h,"reason":"a, b""#).unwrap(), halted);
        let newer = r#"{"v":1,"seq":5,"atMs":7,"event":{"event":"rested","step":"x"}}"#;
        assert_eq!(encode_record(newer.to_string()), r#"c:5,7,rested,="x""#);
        assert_eq!(unpack_record(r#"c:5,7,rested,="x""#).unwrap(), newer);
        let late = r#"{"v":1,"seq":36,"atMs":71,"event":{"event":"paused"}}"#;
        assert_eq!(encode_record(late.to_string()), "c:10,1z,p");
        // Anything else is kept as it is.
        for other in [r#"{"v":2,"seq":1}"#, r#"{"seq":1,"v":1}"#, "not json"] {
            assert_eq!(encode_record(other.to_string()), other);
        }
        for bad in [
            "c:",
            "c:1,2",
            "c:X,2,p",
            "c:-1,2,p",
            "c:1,2,pa\"used",
            "c:1,2,Z",
        ] {
            assert!(unpack_record(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn a_damaged_packed_record_is_an_error_not_a_guess() {
        for bad in ["z1:\u{1}", "z1:ab\u{1}9", "z1:ab\u{1}3P", "z1:\u{1}1\u{1}"] {
            assert!(unpack_record(bad).is_err(), "{bad:?}");
        }
    }
}
