//! One HTTP/1.1 request read off a connection (see `http`): its line, headers and body (by
//! `Content-Length` or in chunks, after a `100 Continue` when asked), or what is wrong with it.

use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::TcpStream;

/// The longest request line or header line read.
const MAX_LINE: u64 = 16 * 1024;
const MAX_HEADERS: usize = 100;
/// The largest request body read.
pub(crate) const MAX_BODY: usize = 16 * 1024 * 1024;

/// One request as read off a connection.
pub(crate) struct Request {
    /// Upper case.
    pub method: String,
    pub url: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    pub keep_alive: bool,
    /// An HTTP/1.0 request: a kept-alive answer says `Connection: keep-alive`, and no
    /// `100 Continue` is sent.
    pub http10: bool,
}

impl Request {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

pub(crate) enum ReadError {
    /// The connection closed or failed; nothing to answer.
    Closed,
    /// Answered with this status and text, then the connection is closed.
    Bad(u16, &'static str),
}

impl From<io::Error> for ReadError {
    fn from(_: io::Error) -> Self {
        ReadError::Closed
    }
}

/// One line without its line end; `None` at the end of the stream.
fn read_line(reader: &mut BufReader<TcpStream>) -> Result<Option<String>, ReadError> {
    let mut buf = Vec::new();
    let n = reader.by_ref().take(MAX_LINE).read_until(b'\n', &mut buf)?;
    if n == 0 {
        return Ok(None);
    }
    if buf.last() != Some(&b'\n') {
        return Err(if n as u64 >= MAX_LINE {
            ReadError::Bad(431, "A request line or header is too long.")
        } else {
            ReadError::Closed
        });
    }
    while matches!(buf.last(), Some(b'\n' | b'\r')) {
        buf.pop();
    }
    Ok(Some(String::from_utf8_lossy(&buf).into_owned()))
}

pub(crate) fn read_request(
    reader: &mut BufReader<TcpStream>,
    writer: &mut TcpStream,
) -> Result<Request, ReadError> {
    let line = loop {
        match read_line(reader)? {
            None => return Err(ReadError::Closed),
            // An empty line before a request is allowed (RFC 9112 §2.2).
            Some(l) if l.is_empty() => continue,
            Some(l) => break l,
        }
    };
    let bad = ReadError::Bad(400, "Not an HTTP/1.x request line.");
    let mut parts = line.split(' ');
    let (Some(method), Some(url), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(bad);
    };
    if method.is_empty() || url.is_empty() || !version.starts_with("HTTP/1.") {
        return Err(bad);
    }
    let mut headers = Vec::new();
    loop {
        let Some(line) = read_line(reader)? else {
            return Err(ReadError::Closed);
        };
        if line.is_empty() {
            break;
        }
        if headers.len() == MAX_HEADERS {
            return Err(ReadError::Bad(431, "Too many headers."));
        }
        let Some((name, value)) = line.split_once(':') else {
            return Err(ReadError::Bad(400, "A header line without a colon."));
        };
        // No whitespace in a name, nor between it and the colon (RFC 9112 §5.1): a proxy
        // could read such a header differently.
        if name.is_empty() || name.contains(|c: char| c.is_ascii_whitespace()) {
            return Err(ReadError::Bad(400, "A header name with whitespace in it."));
        }
        headers.push((name.to_string(), value.trim().to_string()));
    }
    let mut request = Request {
        method: method.to_ascii_uppercase(),
        url: url.to_string(),
        headers,
        body: Vec::new(),
        keep_alive: false,
        http10: version == "HTTP/1.0",
    };
    let connection = request
        .header("Connection")
        .unwrap_or("")
        .to_ascii_lowercase();
    request.keep_alive = if request.http10 {
        connection.contains("keep-alive")
    } else {
        !connection.contains("close")
    };
    let chunked = transfer_coding(&request)?;
    let length = content_length(&request)?;
    if chunked && length.is_some() {
        // Both framings (RFC 9112 §6.3): the chunks count, and the connection is not reused.
        request.keep_alive = false;
    }
    let length = if chunked { 0 } else { length.unwrap_or(0) };
    if length > MAX_BODY {
        return Err(ReadError::Bad(413, "The request body is too large."));
    }
    let continues = request
        .header("Expect")
        .is_some_and(|e| e.eq_ignore_ascii_case("100-continue"));
    // HTTP/1.0 has no 1xx answers (RFC 9110 §10.1.1): a 1.0 client just sends its body.
    if continues && !request.http10 && (chunked || length > 0) {
        writer.write_all(b"HTTP/1.1 100 Continue\r\n\r\n")?;
    }
    request.body = if chunked {
        read_chunks(reader)?
    } else {
        let mut body = vec![0; length];
        reader.read_exact(&mut body)?;
        body
    };
    Ok(request)
}

/// Whether the body comes in chunks: `Transfer-Encoding` (all of its lines) must be `chunked`
/// alone; a last coding other than `chunked` leaves no way to find the body's end (400), and
/// another coding before it is one this server does not decode (501).
fn transfer_coding(request: &Request) -> Result<bool, ReadError> {
    let codings: Vec<String> = request
        .headers
        .iter()
        .filter(|(n, _)| n.eq_ignore_ascii_case("Transfer-Encoding"))
        .flat_map(|(_, v)| v.split(','))
        .map(|c| c.trim().to_ascii_lowercase())
        .filter(|c| !c.is_empty())
        .collect();
    match codings.split_last() {
        None => Ok(false),
        Some((last, _)) if last != "chunked" => Err(ReadError::Bad(
            400,
            "A Transfer-Encoding that does not end in chunked.",
        )),
        Some((_, [])) => Ok(true),
        Some(_) => Err(ReadError::Bad(
            501,
            "Only the chunked transfer coding is read.",
        )),
    }
}

/// The `Content-Length`, if any: every one given (on several lines or as a list) must be the
/// same number.
fn content_length(request: &Request) -> Result<Option<usize>, ReadError> {
    let mut length = None;
    let values = request
        .headers
        .iter()
        .filter(|(n, _)| n.eq_ignore_ascii_case("Content-Length"))
        .flat_map(|(_, v)| v.split(','));
    for value in values {
        let value = value.trim();
        if value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) {
            return Err(ReadError::Bad(400, "Content-Length is not a number."));
        }
        let n = value.parse::<usize>().unwrap_or(usize::MAX);
        if length.is_some_and(|l| l != n) {
            return Err(ReadError::Bad(
                400,
                "Content-Length given twice, differently.",
            ));
        }
        length = Some(n);
    }
    Ok(length)
}

/// A `Transfer-Encoding: chunked` body (trailers read and dropped).
fn read_chunks(reader: &mut BufReader<TcpStream>) -> Result<Vec<u8>, ReadError> {
    let bad = || ReadError::Bad(400, "A malformed chunked body.");
    let too_large = || ReadError::Bad(413, "The request body is too large.");
    let mut body = Vec::new();
    loop {
        let line = read_line(reader)?.ok_or(ReadError::Closed)?;
        // Hex digits only (`from_str_radix` would take a leading `+`), then any extensions.
        let size = line.split(';').next().unwrap_or("").trim();
        if size.is_empty() || !size.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(bad());
        }
        // Only hex digits are left, so the one error is a size past `usize`: too large.
        let size = usize::from_str_radix(size, 16).map_err(|_| too_large())?;
        if size == 0 {
            while !read_line(reader)?.ok_or(ReadError::Closed)?.is_empty() {}
            return Ok(body);
        }
        // `body.len() <= MAX_BODY` here, so this cannot overflow (`body.len() + size` could).
        if size > MAX_BODY - body.len() {
            return Err(too_large());
        }
        let start = body.len();
        body.resize(start + size, 0);
        reader.read_exact(&mut body[start..])?;
        if !read_line(reader)?.ok_or(ReadError::Closed)?.is_empty() {
            return Err(bad());
        }
    }
}
