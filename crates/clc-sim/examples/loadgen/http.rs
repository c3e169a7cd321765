//! Hand-written HTTP/1.1 on a `TcpStream`: one request out, one response in, by
//! `Content-Length`, chunks, or up to the server closing the connection.

use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::TcpStream;

/// One HTTP/1.1 response as read off the wire.
pub struct Reply {
    pub status: u16,
    pub body: Vec<u8>,
    /// The server will close the connection after this response.
    pub closes: bool,
}

pub fn send(
    stream: &mut TcpStream,
    method: &str,
    path: &str,
    headers: &str,
    body: &str,
    keep_alive: bool,
) -> io::Result<()> {
    let connection = if keep_alive { "keep-alive" } else { "close" };
    let head = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: {connection}\r\n{headers}Content-Length: {}\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes())?;
    stream.write_all(body.as_bytes())
}

/// Reads one response: status line, headers, then a `Content-Length` or chunked body (or, when
/// neither is given, everything up to the server closing the connection).
pub fn read_reply(reader: &mut BufReader<TcpStream>) -> io::Result<Reply> {
    let mut line = String::new();
    if reader.read_line(&mut line)? == 0 {
        return Err(io::Error::new(
            io::ErrorKind::UnexpectedEof,
            "connection closed",
        ));
    }
    let status = line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| {
            io::Error::new(io::ErrorKind::InvalidData, format!("status line {line:?}"))
        })?;
    let (mut length, mut chunked, mut closes) = (None, false, false);
    loop {
        line.clear();
        reader.read_line(&mut line)?;
        let header = line.trim_end();
        if header.is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':') {
            let (name, value) = (
                name.trim().to_ascii_lowercase(),
                value.trim().to_ascii_lowercase(),
            );
            match name.as_str() {
                "content-length" => length = value.parse::<usize>().ok(),
                "transfer-encoding" => chunked = value.contains("chunked"),
                "connection" => closes = value.contains("close"),
                _ => {}
            }
        }
    }
    let mut body = Vec::new();
    if chunked {
        loop {
            line.clear();
            reader.read_line(&mut line)?;
            let size = usize::from_str_radix(line.trim().split(';').next().unwrap_or(""), 16)
                .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "chunk size"))?;
            let mut chunk = vec![0; size + 2];
            reader.read_exact(&mut chunk)?;
            if size == 0 {
                break;
            }
            body.extend_from_slice(&chunk[..size]);
        }
    } else if let Some(n) = length {
        body.resize(n, 0);
        reader.read_exact(&mut body)?;
    } else {
        reader.read_to_end(&mut body)?;
        closes = true;
    }
    Ok(Reply {
        status,
        body,
        closes,
    })
}

/// One request on a fresh connection (setup calls).
pub fn once(
    port: u16,
    method: &str,
    path: &str,
    headers: &str,
    body: &str,
) -> Result<serde_json::Value, String> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).map_err(|e| e.to_string())?;
    send(&mut stream, method, path, headers, body, false).map_err(|e| e.to_string())?;
    let reply = read_reply(&mut BufReader::new(stream)).map_err(|e| e.to_string())?;
    let text = String::from_utf8_lossy(&reply.body);
    if !(200..300).contains(&reply.status) {
        return Err(format!("{method} {path}: {} {text}", reply.status));
    }
    serde_json::from_str(&text).map_err(|e| format!("{method} {path}: {e}"))
}
