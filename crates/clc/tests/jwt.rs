//! JWT claim reading without verification: a valid CLC-shaped token, expiry arithmetic,
//! malformed tokens (wrong part count, bad base64url, non-JSON payload), base64url edge cases,
//! and that a `BearerToken` never prints itself.

use clc::jwt::{base64url_decode, decode_claims, Claims, JwtError};
use clc::BearerToken;

const VALID: &str = "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJ1cm46YXBpLXRpZXIzIiwiYXVkIjoidXJuOnRpZXIzLXVzZXJzIiwibmJmIjoxNDM3MDM2ODA1LCJleHAiOjE0MzgyNDY0MDUsInJvbGUiOlsiQWNjb3VudEFkbWluIiwiU2VydmVyQWRtaW4iXSwidW5pcXVlX25hbWUiOiJqYW5lLmRvZSIsInVybjp0aWVyMzphY2NvdW50LWFsaWFzIjoiQUNNRSIsInVybjp0aWVyMzpsb2NhdGlvbi1hbGlhcyI6IlZBMSJ9.c2ln";
const SINGLE_ROLE_2100: &str = "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJleHAiOjQxMDI0NDQ4MDAsInJvbGUiOiJBY2NvdW50Vmlld2VyIn0.c2ln";

#[test]
fn reads_clc_claims() {
    let claims = decode_claims(VALID).unwrap();
    assert_eq!(
        claims,
        Claims {
            exp: Some(1_438_246_405),
            nbf: Some(1_437_036_805),
            unique_name: Some("jane.doe".into()),
            account_alias: Some("ACME".into()),
            location_alias: Some("VA1".into()),
            roles: vec!["AccountAdmin".into(), "ServerAdmin".into()],
        }
    );
    assert_eq!(claims.exp.unwrap() - claims.nbf.unwrap(), 14 * 24 * 3600);
    let single = decode_claims(SINGLE_ROLE_2100).unwrap();
    assert_eq!(single.roles, vec!["AccountViewer"]);
    assert_eq!(single.unique_name, None);
}

#[test]
fn expiry() {
    let claims = decode_claims(VALID).unwrap();
    assert_eq!(claims.expires_at_ms(), Some(1_438_246_405_000));
    assert!(claims.is_expired_at(1_438_246_405_000));
    assert!(claims.is_expired_at(1_700_000_000_000));
    assert!(!claims.is_expired_at(1_438_246_404_999));
    assert!(!decode_claims(SINGLE_ROLE_2100)
        .unwrap()
        .is_expired_at(1_700_000_000_000));
    assert!(
        !Claims::default().is_expired_at(u64::MAX),
        "no exp, no verdict"
    );
    assert_eq!(
        BearerToken::new(VALID).expires_at_ms(),
        Some(1_438_246_405_000)
    );
}

#[test]
fn malformed_tokens() {
    for (token, error) in [
        ("", JwtError::NotThreeParts),
        ("abc", JwtError::NotThreeParts),
        ("a.b", JwtError::NotThreeParts),
        ("a.b.c.d", JwtError::NotThreeParts),
        ("a..c", JwtError::NotThreeParts),
        ("a.!!!.c", JwtError::BadBase64),
        ("a.eyJhI.c", JwtError::BadBase64),
        ("a.eyJhIjox.c", JwtError::BadJson),
        ("a.bm90IGpzb24.c", JwtError::BadJson),
        ("a.WzEsMl0.c", JwtError::BadJson),
        // `{"sub":"\xff"}`: a payload that is not UTF-8 is no JSON object of claims.
        ("a.eyJzdWIiOiL_In0.c", JwtError::BadJson),
    ] {
        assert_eq!(decode_claims(token), Err(error), "{token}");
    }
    assert_eq!(BearerToken::new("not-a-jwt").expires_at_ms(), None);
    assert!(BearerToken::new("not-a-jwt").claims().is_err());
}

#[test]
fn base64url_by_hand() {
    assert_eq!(base64url_decode("").unwrap(), b"");
    assert_eq!(base64url_decode("Zg").unwrap(), b"f");
    assert_eq!(base64url_decode("Zg==").unwrap(), b"f");
    assert_eq!(base64url_decode("Zm8").unwrap(), b"fo");
    assert_eq!(base64url_decode("Zm9v").unwrap(), b"foo");
    assert_eq!(base64url_decode("-_8").unwrap(), vec![0xfb, 0xff]);
    assert_eq!(base64url_decode("+/8").unwrap(), vec![0xfb, 0xff]);
    assert_eq!(base64url_decode("Z"), None);
    assert_eq!(base64url_decode("Zm9v*"), None);
}

#[test]
fn bearer_token_hides_itself() {
    let token = BearerToken::new(format!("  Bearer {VALID}\n"));
    assert_eq!(token.expose(), VALID);
    assert_eq!(token.authorization(), format!("Bearer {VALID}"));
    assert_eq!(format!("{token:?}"), "BearerToken(***)");
    let session = clc::Session::new("ACME", token);
    assert!(!format!("{session:?}").contains("eyJ"));
    let parsed: BearerToken = serde_json::from_str(&format!("\"{VALID}\"")).unwrap();
    assert_eq!(parsed.expose(), VALID);
    assert!(BearerToken::new("   ").is_empty());
}

/// A token whose payload is `json` (base64url without padding; header and signature are not
/// read).
fn token_of(json: &str) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut payload = String::new();
    for chunk in json.as_bytes().chunks(3) {
        let bits = chunk
            .iter()
            .enumerate()
            .fold(0u32, |acc, (i, b)| acc | (u32::from(*b) << (16 - 8 * i)));
        for i in 0..=chunk.len() {
            payload.push(ALPHABET[((bits >> (18 - 6 * i)) & 63) as usize] as char);
        }
    }
    format!("e30.{payload}.c2ln")
}

/// What each claim accepts, and what makes the claims unreadable: pinned, so that the reading
/// of the payload stays the one the derived decoder did.
#[test]
fn each_claim_reads_leniently_and_a_wrong_type_is_bad_json() {
    assert_eq!(
        token_of(r#"{"a":1}"#),
        "e30.eyJhIjoxfQ.c2ln",
        "the test's own encoder"
    );
    let read = |json: &str| decode_claims(&token_of(json));
    assert_eq!(read("{}"), Ok(Claims::default()));
    assert_eq!(
        read(r#"{"exp":1.6,"nbf":"  42 ","unique_name":null,"role":null,"aud":[1],"x":{}}"#),
        Ok(Claims {
            exp: Some(2),
            nbf: Some(42),
            ..Claims::default()
        })
    );
    for json in [
        r#"{"exp":-1}"#,
        r#"{"exp":"soon"}"#,
        r#"{"exp":true}"#,
        r#"{"exp":[1]}"#,
        r#"{"exp":null}"#,
    ] {
        assert_eq!(read(json), Ok(Claims::default()), "{json}");
    }
    assert_eq!(
        read(r#"{"role":[],"urn:tier3:account-alias":"ACME","urn:tier3:location-alias":null}"#),
        Ok(Claims {
            account_alias: Some("ACME".into()),
            ..Claims::default()
        })
    );
    assert_eq!(
        read(r#"{"role":"A","role":["B","C"]}"#).map(|c| c.roles),
        Ok(vec!["B".to_string(), "C".to_string()]),
        "a repeated name: the last one counts"
    );
    for json in [
        r#"{"unique_name":7}"#,
        r#"{"unique_name":["jane"]}"#,
        r#"{"urn:tier3:account-alias":{}}"#,
        r#"{"urn:tier3:location-alias":false}"#,
        r#"{"role":["A",1]}"#,
        r#"{"role":7}"#,
        r#"{"role":{"name":"A"}}"#,
        r#"[]"#,
        r#""claims""#,
    ] {
        assert_eq!(read(json), Err(JwtError::BadJson), "{json}");
    }
}
