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

/// The JSON of a stored record: a packed one unpacked, any other as it is.
pub fn unpack_record(record: &str) -> Result<String, String> {
    match record.strip_prefix(PACKED_PREFIX) {
        Some(packed) => unpack(packed),
        None => Ok(record.to_string()),
    }
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
    let mut pos = 0;
    while pos < bytes.len() {
        let mut best = (0usize, 0usize);
        if pos + MIN_MATCH <= bytes.len() && text.is_char_boundary(pos) {
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

fn read_number(bytes: &[u8], at: &mut usize) -> Result<usize, String> {
    let mut n = 0usize;
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
        if shift > 40 {
            return Err("the packed record has a reference out of range".into());
        }
        n |= usize::from(bits) << shift;
        shift += 5;
        if last {
            return Ok(n);
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
        assert_eq!(unpack_record(&long).unwrap(), long);
    }

    #[test]
    fn a_damaged_packed_record_is_an_error_not_a_guess() {
        for bad in ["z1:\u{1}", "z1:ab\u{1}9", "z1:ab\u{1}3P", "z1:\u{1}1\u{1}"] {
            assert!(unpack_record(bad).is_err(), "{bad:?}");
        }
    }
}
