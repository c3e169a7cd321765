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
