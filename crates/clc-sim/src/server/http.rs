//! HTTP/1.1 on `std::net`: one thread per connection reads that connection's requests one after
//! another and hands each to a fixed pool of workers, which take them in the order they come.
//!
//! This replaced `tiny_http`, whose own connection pool could leave a freshly accepted connection
//! queued behind the kept-alive ones (its `TaskPool::spawn` counts a woken thread as still idle,
//! so several connections accepted together were queued for fewer threads): a request sent on
//! such a connection got no answer until another connection closed — a scan's read waited for
//! the page's 20 s limit. Here a connection never waits for another connection, only for a free
//! worker, and a worker is held only while it answers one request.

use std::collections::HashMap;
use std::io::{self, BufReader, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use super::request::{read_request, ReadError, Request};
use super::Reply;

/// A reply and whether the connection closes after it.
pub(crate) struct Answer {
    pub reply: Reply,
    pub close: bool,
}

enum Job {
    Serve(Request, Sender<Answer>),
    Quit,
}

/// The connections open now, by a number given at accept: a clone of each socket, so `stop`
/// can shut the idle ones. A connection's thread removes its own on the way out.
type Open = Arc<Mutex<HashMap<u64, TcpStream>>>;

/// The accepting thread and the workers.
pub(crate) struct Listening {
    pub port: u16,
    stopping: Arc<AtomicBool>,
    open: Open,
    jobs: Sender<Job>,
    workers: usize,
    threads: Vec<JoinHandle<()>>,
}

impl Listening {
    /// Accepts on `listener`; `workers` threads answer requests with `handle`.
    pub fn start<H>(listener: TcpListener, workers: usize, handle: H) -> io::Result<Listening>
    where
        H: Fn(Request) -> Answer + Send + Sync + 'static,
    {
        let port = listener.local_addr()?.port();
        let stopping = Arc::new(AtomicBool::new(false));
        let (jobs, queue) = mpsc::channel::<Job>();
        let queue = Arc::new(Mutex::new(queue));
        let handle = Arc::new(handle);
        let workers = workers.max(1);
        let mut threads: Vec<JoinHandle<()>> = (0..workers)
            .map(|_| {
                let (queue, handle) = (queue.clone(), handle.clone());
                std::thread::spawn(move || work(&queue, &*handle))
            })
            .collect();
        let open = Open::default();
        let (accept_jobs, accept_stopping, accept_open) =
            (jobs.clone(), stopping.clone(), open.clone());
        threads.push(std::thread::spawn(move || {
            accept(&listener, &accept_jobs, &accept_stopping, &accept_open)
        }));
        Ok(Listening {
            port,
            stopping,
            open,
            jobs,
            workers,
            threads,
        })
    }

    /// Blocks until the server stops.
    pub fn join(mut self) {
        for t in self.threads.drain(..) {
            let _ = t.join();
        }
    }

    /// Stops accepting, lets the workers finish the requests they were given, and waits for
    /// them. A connection waiting for its answer gets it and is closed after it; an idle
    /// kept-alive one is closed now (its reading side is shut, so its thread ends and drops it).
    pub fn stop(self) {
        self.stopping.store(true, Ordering::SeqCst);
        for _ in 0..self.workers {
            let _ = self.jobs.send(Job::Quit);
        }
        // Wakes the accepting thread, which sees `stopping`.
        let _ = TcpStream::connect(SocketAddr::from(([127, 0, 0, 1], self.port)));
        let open = self.open.clone();
        self.join();
        // Accepting has ended, so no connection is added after this.
        for stream in open.lock().unwrap_or_else(|e| e.into_inner()).values() {
            let _ = stream.shutdown(Shutdown::Read);
        }
    }
}

fn work(queue: &Mutex<Receiver<Job>>, handle: &(dyn Fn(Request) -> Answer + Sync)) {
    loop {
        let job = queue.lock().unwrap_or_else(|e| e.into_inner()).recv();
        match job {
            Ok(Job::Serve(request, answer)) => {
                // A panic answering one request answers it with a 500; the worker lives on.
                let reply =
                    catch_unwind(AssertUnwindSafe(|| handle(request))).unwrap_or_else(|_| Answer {
                        reply: Reply::json(
                            500,
                            r#"{"message":"The simulator failed answering this request."}"#,
                        ),
                        close: true,
                    });
                let _ = answer.send(reply);
            }
            Ok(Job::Quit) | Err(_) => return,
        }
    }
}

fn accept(listener: &TcpListener, jobs: &Sender<Job>, stopping: &Arc<AtomicBool>, open: &Open) {
    let mut next_id = 0u64;
    for stream in listener.incoming() {
        if stopping.load(Ordering::SeqCst) {
            return;
        }
        let stream = match stream {
            Ok(s) => s,
            Err(_) => {
                // Out of file descriptors (EMFILE) and the like: accepting again at once would
                // fail again at once, so pause rather than spin.
                std::thread::sleep(Duration::from_millis(20));
                continue;
            }
        };
        let Ok(clone) = stream.try_clone() else {
            continue;
        };
        let id = next_id;
        next_id += 1;
        open.lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(id, clone);
        let (jobs, stopping, mine) = (jobs.clone(), stopping.clone(), open.clone());
        // A connection that cannot get a thread is dropped (closed) rather than left waiting.
        let spawned = std::thread::Builder::new()
            .name("clc-sim connection".into())
            .spawn(move || {
                connection(stream, &jobs, &stopping);
                mine.lock().unwrap_or_else(|e| e.into_inner()).remove(&id);
            });
        if spawned.is_err() {
            open.lock().unwrap_or_else(|e| e.into_inner()).remove(&id);
        }
    }
}

/// After an error answer, what the client still sends is read and dropped (up to a body's
/// limit, until `DRAIN_TIME` passes with nothing) before the socket is dropped: dropping it
/// with unread bytes makes the kernel reset the connection, so a client still sending its body
/// fails to send it and may lose the answer.
const DRAIN_MAX: u64 = super::request::MAX_BODY as u64;
const DRAIN_TIME: Duration = Duration::from_millis(500);

/// Reads requests off one connection until it closes, answering each before reading the next.
fn connection(stream: TcpStream, jobs: &Sender<Job>, stopping: &AtomicBool) {
    let Ok(mut writer) = stream.try_clone() else {
        return;
    };
    let mut reader = BufReader::new(stream);
    loop {
        let request = match read_request(&mut reader, &mut writer) {
            Ok(r) => r,
            Err(ReadError::Closed) => return,
            Err(ReadError::Bad(status, message)) => {
                let reply = Reply::new(status, message.as_bytes().to_vec())
                    .header("Content-Type", "text/plain; charset=utf-8");
                if write_reply(&mut writer, reply, false, true, false).is_ok() {
                    let _ = writer.shutdown(Shutdown::Write);
                    let _ = writer.set_read_timeout(Some(DRAIN_TIME));
                    let _ = io::copy(&mut reader.take(DRAIN_MAX), &mut io::sink());
                }
                return;
            }
        };
        let head_only = request.method == "HEAD";
        let (keep_alive, http10) = (request.keep_alive, request.http10);
        let (tx, rx) = mpsc::channel();
        if jobs.send(Job::Serve(request, tx)).is_err() {
            return;
        }
        let Ok(answer) = rx.recv() else { return };
        let close = answer.close || !keep_alive || stopping.load(Ordering::SeqCst);
        let keep_alive_said = http10 && !close;
        if write_reply(&mut writer, answer.reply, head_only, close, keep_alive_said).is_err()
            || close
        {
            return;
        }
    }
}

/// Writes one answer: a `Date`, a `Content-Length` body (none for HEAD, 1xx, 204 and 304), and
/// `Connection: close` when the connection closes after it (`keep-alive` when an HTTP/1.0
/// client asked for that and got it).
fn write_reply(
    w: &mut TcpStream,
    reply: Reply,
    head_only: bool,
    close: bool,
    keep_alive: bool,
) -> io::Result<()> {
    let status = reply.status;
    let mut head = format!("HTTP/1.1 {status} {}\r\n", reason(status));
    head.push_str(&format!("Date: {}\r\n", http_date(SystemTime::now())));
    for (name, value) in &reply.headers {
        // Header text comes from the simulator; a line break would split the answer.
        if !name.contains(['\r', '\n', ':']) && !value.contains(['\r', '\n']) {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
    }
    let bodyless = matches!(status, 100..=199 | 204 | 304);
    if !bodyless {
        head.push_str(&format!("Content-Length: {}\r\n", reply.body.len()));
    }
    if close {
        head.push_str("Connection: close\r\n");
    } else if keep_alive {
        head.push_str("Connection: keep-alive\r\n");
    }
    head.push_str("\r\n");
    let mut out = head.into_bytes();
    if !(head_only || bodyless) {
        out.extend_from_slice(&reply.body);
    }
    w.write_all(&out)?;
    w.flush()
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        201 => "Created",
        202 => "Accepted",
        204 => "No Content",
        301 => "Moved Permanently",
        302 => "Found",
        304 => "Not Modified",
        307 => "Temporary Redirect",
        308 => "Permanent Redirect",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        409 => "Conflict",
        413 => "Content Too Large",
        429 => "Too Many Requests",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        503 => "Service Unavailable",
        _ => "Status",
    }
}

/// An HTTP date (IMF-fixdate, RFC 9110 §5.6.7): `Sun, 06 Nov 1994 08:49:37 GMT`.
fn http_date(at: SystemTime) -> String {
    let secs = at.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let (days, rest) = (secs / 86_400, secs % 86_400);
    // 1970-01-01 was a Thursday.
    let weekday = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"][(days % 7) as usize];
    // Days to a civil date (Howard Hinnant's `civil_from_days`), from 0000-03-01 eras.
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z % 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + u64::from(month <= 2);
    let month = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ][(month - 1) as usize];
    let (h, m, s) = (rest / 3600, rest % 3600 / 60, rest % 60);
    format!("{weekday}, {day:02} {month} {year} {h:02}:{m:02}:{s:02} GMT")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn get(url: &str) -> Request {
        Request {
            method: "GET".into(),
            url: url.into(),
            headers: Vec::new(),
            body: Vec::new(),
            keep_alive: true,
            http10: false,
        }
    }

    /// A handler that panics on one request: that request gets a 500 with a JSON message, and
    /// the same worker goes on to answer the next one (and to quit when told).
    #[test]
    fn a_panicking_handler_answers_500_and_the_worker_lives_on() {
        let (jobs, queue) = mpsc::channel();
        let (first, first_answer) = mpsc::channel();
        let (second, second_answer) = mpsc::channel();
        jobs.send(Job::Serve(get("/boom"), first)).unwrap();
        jobs.send(Job::Serve(get("/fine"), second)).unwrap();
        jobs.send(Job::Quit).unwrap();
        let handle = |r: Request| {
            if r.url == "/boom" {
                panic!("a handler bug");
            }
            Answer {
                reply: Reply::new(200, b"fine".to_vec()),
                close: false,
            }
        };
        work(&Mutex::new(queue), &handle);
        let failed = first_answer
            .recv()
            .expect("the panicking request is answered");
        assert_eq!(failed.reply.status, 500);
        let body = String::from_utf8(failed.reply.body).unwrap();
        assert!(
            serde_json::from_str::<serde_json::Value>(&body).unwrap()["message"].is_string(),
            "{body}"
        );
        let fine = second_answer.recv().expect("the next request is answered");
        assert_eq!(
            (fine.reply.status, fine.reply.body),
            (200, b"fine".to_vec())
        );
    }

    #[test]
    fn http_dates_are_imf_fixdates() {
        let at = |secs| http_date(UNIX_EPOCH + Duration::from_secs(secs));
        assert_eq!(at(784_111_777), "Sun, 06 Nov 1994 08:49:37 GMT");
        assert_eq!(at(0), "Thu, 01 Jan 1970 00:00:00 GMT");
        // A leap day, and the last second of a year.
        assert_eq!(at(951_782_400), "Tue, 29 Feb 2000 00:00:00 GMT");
        assert_eq!(at(1_767_225_599), "Wed, 31 Dec 2025 23:59:59 GMT");
    }

    #[test]
    fn redirects_have_reason_phrases() {
        let phrases = [301, 302, 307, 308, 501].map(reason);
        assert_eq!(
            phrases,
            [
                "Moved Permanently",
                "Found",
                "Temporary Redirect",
                "Permanent Redirect",
                "Not Implemented"
            ]
        );
    }
}
