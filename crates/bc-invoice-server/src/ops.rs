//! What operators see: JSON-lines logs, Prometheus metrics, request ids, and the bearer token check.
//!
//! A log line or a metric label never holds a document value: only the route's template (not the request's
//! path or query), the method when it is a standard one, the kind and verdict the validator gave, the
//! status and the duration.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write as _;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{SyncSender, TrySendError};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method};
use axum::middleware::Next;
use axum::response::Response;
use serde_json::{Map, Value};

use crate::app::{Outcome, SharedState};

/// Writes one JSON log line to standard output: the time, the event and its fields.
pub fn log_event(event: &str, fields: &[(&str, Value)]) {
    write_line(event_line(time::OffsetDateTime::now_utc(), event, fields));
}

/// One log line (with its line feed): an object of the time, the event and the fields, members in
/// the order of their names.
fn event_line(now: time::OffsetDateTime, event: &str, fields: &[(&str, Value)]) -> Vec<u8> {
    let mut line = Map::new();
    let ts = now
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default();
    line.insert("ts".into(), ts.into());
    line.insert("event".into(), event.into());
    for (name, value) in fields {
        line.insert((*name).into(), value.clone());
    }
    let mut text = Value::Object(line).to_string().into_bytes();
    text.push(b'\n');
    text
}

/// Log lines waiting for the writer; past this many, a line is dropped and counted
/// (`bc_invoice_log_lines_dropped_total`).
const LOG_QUEUE: usize = 4096;

/// The log's writer: a thread of its own that writes the lines to standard output, fed through a
/// bounded queue. A request never waits on the log: a log collector that stops reading (a stuck pipe,
/// a full disk) costs lines, counted, rather than stalling every request and the shutdown with them.
struct Log {
    queue: SyncSender<Vec<u8>>,
    /// Lines queued; lines written (or given up on: a closed pipe); lines dropped (the queue full).
    queued: AtomicU64,
    done: AtomicU64,
    dropped: AtomicU64,
}

/// After each write the writer rests this long, so that under load it writes the lines that came
/// meanwhile at once, with one system call and no wake-up a line; a line reaches the log at most this
/// much later.
const LOG_REST: Duration = Duration::from_millis(5);

fn log() -> &'static Log {
    static LOG: OnceLock<Log> = OnceLock::new();
    LOG.get_or_init(|| {
        let (queue, lines) = std::sync::mpsc::sync_channel::<Vec<u8>>(LOG_QUEUE);
        let spawned = std::thread::Builder::new()
            .name("log".into())
            .spawn(move || {
                let mut stdout = LogOutput::new();
                while let Ok(mut batch) = lines.recv() {
                    let mut count = 1;
                    while batch.len() < 1 << 16
                        && let Ok(line) = lines.try_recv()
                    {
                        batch.extend_from_slice(&line);
                        count += 1;
                    }
                    // Whole lines in one write; a log that cannot be written (a closed pipe, a full
                    // disk, a file past `ulimit -f`) must not stop the service: its lines are counted as
                    // dropped.
                    if stdout
                        .write_all(&batch)
                        .and_then(|()| stdout.flush())
                        .is_err()
                    {
                        log().dropped.fetch_add(count, Ordering::Relaxed);
                    }
                    log().done.fetch_add(count, Ordering::SeqCst);
                    std::thread::sleep(LOG_REST);
                }
            });
        if spawned.is_err() {
            // No thread for the log: the queue fills, and every line is counted as dropped.
            eprintln!("error: cannot start the log writer; log lines are dropped");
        }
        Log {
            queue,
            queued: AtomicU64::new(0),
            done: AtomicU64::new(0),
            dropped: AtomicU64::new(0),
        }
    })
}

/// Standard output as the log's writer writes it: on Unix a duplicate of its descriptor, written without
/// std's line buffer and waited for in `poll()` when it is non-blocking. The flag belongs to the open file,
/// which a parent or a log collector may have set: a write to a full pipe then failed with `EAGAIN`, the
/// batch's lines were lost, and one cut short in the middle, which no log reader could parse.
struct LogOutput {
    #[cfg(unix)]
    fd: Option<std::fs::File>,
    stdout: std::io::Stdout,
}

impl LogOutput {
    fn new() -> Self {
        LogOutput {
            #[cfg(unix)]
            fd: {
                use std::os::fd::AsFd;
                std::io::stdout()
                    .as_fd()
                    .try_clone_to_owned()
                    .ok()
                    .map(std::fs::File::from)
            },
            stdout: std::io::stdout(),
        }
    }
}

impl std::io::Write for LogOutput {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        #[cfg(unix)]
        if let Some(fd) = &mut self.fd {
            use rustix::event::{PollFd, PollFlags, poll};
            loop {
                match fd.write(buf) {
                    Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                        // Room, or the reader gone (the next write says `EPIPE`).
                        let mut fds = [PollFd::new(&*fd, PollFlags::OUT)];
                        match poll(&mut fds, None) {
                            Ok(_) | Err(rustix::io::Errno::INTR) => {}
                            Err(e) => return Err(e.into()),
                        }
                    }
                    other => return other,
                }
            }
        }
        self.stdout.write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.stdout.flush()
    }
}

/// Queues a whole line for the log's writer, or counts it as dropped when the queue is full.
fn write_line(line: Vec<u8>) {
    let log = log();
    match log.queue.try_send(line) {
        Ok(()) => {
            log.queued.fetch_add(1, Ordering::SeqCst);
        }
        Err(TrySendError::Full(_) | TrySendError::Disconnected(_)) => {
            log.dropped.fetch_add(1, Ordering::Relaxed);
        }
    }
}

/// Log lines dropped so far because the log's reader did not keep up, or the log could not be written.
pub fn dropped_log_lines() -> u64 {
    log().dropped.load(Ordering::Relaxed)
}

/// Waits until every line queued so far is written, for at most `timeout` (a reader that is stuck
/// gets no more).
pub fn flush_log(timeout: Duration) {
    let log = log();
    let target = log.queued.load(Ordering::SeqCst);
    let started = Instant::now();
    while log.done.load(Ordering::SeqCst) < target && started.elapsed() < timeout {
        std::thread::sleep(Duration::from_millis(2));
    }
}

/// What the log line of a request says.
struct RequestLine {
    id: u64,
    method: &'static str,
    route: &'static str,
    status: u16,
    outcome: Option<Outcome>,
    seconds: f64,
}

impl RequestLine {
    /// The line [`event_line`] makes of these fields, written straight into one buffer rather than
    /// through a map of values: the same bytes, with the members in the same (alphabetical) order.
    fn render(&self, now: time::OffsetDateTime) -> Vec<u8> {
        fn string(out: &mut Vec<u8>, text: &str) {
            // Writing a string into a vector cannot fail.
            let _ = serde_json::to_writer(&mut *out, text);
        }
        let mut out = Vec::with_capacity(224);
        out.extend_from_slice(b"{\"durationMs\":");
        let _ = serde_json::to_writer(&mut out, &self.duration_ms());
        out.extend_from_slice(b",\"event\":\"request\"");
        if let Some(outcome) = &self.outcome {
            out.extend_from_slice(b",\"kind\":");
            match outcome.kind {
                Some(kind) => string(&mut out, kind),
                None => out.extend_from_slice(b"null"),
            }
        }
        out.extend_from_slice(b",\"method\":");
        string(&mut out, self.method);
        let _ = write!(out, ",\"requestId\":{},\"route\":", self.id);
        string(&mut out, self.route);
        let _ = write!(out, ",\"status\":{},\"ts\":\"", self.status);
        let _ = now.format_into(&mut out, &time::format_description::well_known::Rfc3339);
        out.push(b'"');
        if let Some(outcome) = &self.outcome {
            out.extend_from_slice(b",\"verdict\":");
            string(&mut out, outcome.verdict());
        }
        out.extend_from_slice(b"}\n");
        out
    }

    /// The duration in milliseconds, to the microsecond.
    fn duration_ms(&self) -> f64 {
        (self.seconds * 1e6).round() / 1e3
    }

    /// The fields as [`log_event`] takes them.
    #[cfg(test)]
    fn fields(&self) -> Vec<(&'static str, Value)> {
        let mut fields: Vec<(&str, Value)> = vec![
            ("requestId", self.id.into()),
            ("method", self.method.into()),
            ("route", self.route.into()),
            ("status", self.status.into()),
        ];
        if let Some(outcome) = self.outcome {
            fields.push(("kind", outcome.kind.map_or(Value::Null, Value::from)));
            fields.push(("verdict", outcome.verdict().into()));
        }
        fields.push(("durationMs", self.duration_ms().into()));
        fields
    }
}

/// The upper bounds of the latency histogram's buckets, in seconds.
const BUCKETS: [f64; 12] = [
    0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 1.0,
];

/// Counters since the process started.
#[derive(Debug, Default)]
pub struct Metrics {
    requests: Mutex<BTreeMap<(&'static str, u16), u64>>,
    validations: Mutex<BTreeMap<(&'static str, &'static str), u64>>,
    rejected: Mutex<BTreeMap<&'static str, u64>>,
    buckets: [AtomicU64; BUCKETS.len()],
    count: AtomicU64,
    sum_nanos: AtomicU64,
    in_flight: AtomicU64,
    next_id: AtomicU64,
}

impl Metrics {
    fn record(&self, route: &'static str, status: u16, outcome: Option<&Outcome>, seconds: f64) {
        if let Ok(mut requests) = self.requests.lock() {
            *requests.entry((route, status)).or_default() += 1;
        }
        if let Some(outcome) = outcome
            && let Ok(mut validations) = self.validations.lock()
        {
            *validations
                .entry((outcome.kind.unwrap_or("unknown"), outcome.verdict()))
                .or_default() += 1;
        }
        for (bucket, bound) in self.buckets.iter().zip(BUCKETS) {
            if seconds <= bound {
                bucket.fetch_add(1, Ordering::Relaxed);
            }
        }
        self.count.fetch_add(1, Ordering::Relaxed);
        self.sum_nanos
            .fetch_add((seconds * 1e9) as u64, Ordering::Relaxed);
    }

    /// A request hyper answered itself, before any route saw it (`400` for a request it cannot parse,
    /// `431` or `414` for a head or a URI too large), or a connection whose headers did not come within
    /// `--header-timeout`: no request line is logged for these (there is no request to log), so each is
    /// counted and logged here, by its reason alone (`malformed`, `tooLarge`, `headerTimeout`), never
    /// with a byte of what the client sent.
    pub fn reject(&self, reason: &'static str) {
        if let Ok(mut rejected) = self.rejected.lock() {
            *rejected.entry(reason).or_default() += 1;
        }
        log_event("rejected", &[("reason", reason.into())]);
    }

    /// The Prometheus text exposition format, version 0.0.4.
    pub fn render(&self) -> String {
        let mut out = String::new();
        out.push_str(
            "# HELP bc_invoice_http_requests_total HTTP requests answered, by route and status.\n",
        );
        out.push_str("# TYPE bc_invoice_http_requests_total counter\n");
        if let Ok(requests) = self.requests.lock() {
            for ((route, status), n) in requests.iter() {
                let _ = writeln!(
                    out,
                    "bc_invoice_http_requests_total{{route=\"{route}\",status=\"{status}\"}} {n}"
                );
            }
        }
        out.push_str(
            "# HELP bc_invoice_validations_total Documents validated, by kind and verdict.\n",
        );
        out.push_str("# TYPE bc_invoice_validations_total counter\n");
        if let Ok(validations) = self.validations.lock() {
            for ((kind, verdict), n) in validations.iter() {
                let _ = writeln!(
                    out,
                    "bc_invoice_validations_total{{kind=\"{kind}\",verdict=\"{verdict}\"}} {n}"
                );
            }
        }
        out.push_str("# HELP bc_invoice_http_request_duration_seconds Time from the request's headers to its response.\n");
        out.push_str("# TYPE bc_invoice_http_request_duration_seconds histogram\n");
        for (bucket, bound) in self.buckets.iter().zip(BUCKETS) {
            let _ = writeln!(
                out,
                "bc_invoice_http_request_duration_seconds_bucket{{le=\"{bound}\"}} {}",
                bucket.load(Ordering::Relaxed)
            );
        }
        let count = self.count.load(Ordering::Relaxed);
        let _ = writeln!(
            out,
            "bc_invoice_http_request_duration_seconds_bucket{{le=\"+Inf\"}} {count}"
        );
        let _ = writeln!(
            out,
            "bc_invoice_http_request_duration_seconds_sum {}",
            self.sum_nanos.load(Ordering::Relaxed) as f64 / 1e9
        );
        let _ = writeln!(
            out,
            "bc_invoice_http_request_duration_seconds_count {count}"
        );
        out.push_str("# HELP bc_invoice_http_rejected_total Requests hyper refused before any route (malformed, tooLarge) and connections whose headers never came (headerTimeout), by reason.\n");
        out.push_str("# TYPE bc_invoice_http_rejected_total counter\n");
        if let Ok(rejected) = self.rejected.lock() {
            for (reason, n) in rejected.iter() {
                let _ = writeln!(
                    out,
                    "bc_invoice_http_rejected_total{{reason=\"{reason}\"}} {n}"
                );
            }
        }
        out.push_str("# HELP bc_invoice_log_lines_dropped_total Log lines dropped because standard output did not keep up or could not be written.\n");
        out.push_str("# TYPE bc_invoice_log_lines_dropped_total counter\n");
        let _ = writeln!(
            out,
            "bc_invoice_log_lines_dropped_total {}",
            dropped_log_lines()
        );
        out.push_str("# HELP bc_invoice_http_requests_in_flight Requests being handled now.\n");
        out.push_str("# TYPE bc_invoice_http_requests_in_flight gauge\n");
        let _ = writeln!(
            out,
            "bc_invoice_http_requests_in_flight {}",
            self.in_flight.load(Ordering::Relaxed)
        );
        out
    }
}

/// The route template a path is served by: a fixed string, never the path itself.
pub fn route_of(path: &str) -> &'static str {
    match path {
        "/" => "/",
        "/openapi.json" => "/openapi.json",
        "/healthz" => "/healthz",
        "/readyz" => "/readyz",
        "/metrics" => "/metrics",
        "/v1/kinds" => "/v1/kinds",
        "/v1/rules" => "/v1/rules",
        "/v1/validate" => "/v1/validate",
        "/internal/floor" => "/internal/floor",
        "/internal/floor/read" => "/internal/floor/read",
        _ => match path.strip_prefix("/v1/validate/") {
            Some(kind) if !kind.is_empty() && !kind.contains('/') => "/v1/validate/{kind}",
            _ => "unmatched",
        },
    }
}

/// The method's name when it is a standard one, so that a log line never holds a client's invention.
fn method_name(method: &Method) -> &'static str {
    match *method {
        Method::GET => "GET",
        Method::POST => "POST",
        Method::HEAD => "HEAD",
        Method::PUT => "PUT",
        Method::DELETE => "DELETE",
        Method::OPTIONS => "OPTIONS",
        Method::PATCH => "PATCH",
        Method::TRACE => "TRACE",
        Method::CONNECT => "CONNECT",
        _ => "other",
    }
}

/// Around every request: a request id (answered in `x-request-id`), the in-flight gauge, the metrics
/// and one log line.
pub async fn observe(State(state): State<SharedState>, request: Request, next: Next) -> Response {
    let started = Instant::now();
    let metrics = &state.metrics;
    let id = metrics.next_id.fetch_add(1, Ordering::Relaxed) + 1;
    let route = route_of(request.uri().path());
    let method = method_name(request.method());
    // The request's end, whichever way it comes: answered, or dropped when hyper drops a request's future
    // because its client hung up before the answer (a count after the `await` would then never come
    // down). Either way the gauge comes down and the request is counted and logged once; a dropped one
    // with nginx's status for it, 499 (client closed request): the work it cost (a check goes on to its
    // end) is the operator's to see.
    struct Pending<'a> {
        metrics: &'a Metrics,
        line: RequestLine,
        started: Instant,
    }
    impl Drop for Pending<'_> {
        fn drop(&mut self) {
            self.metrics.in_flight.fetch_sub(1, Ordering::Relaxed);
            self.line.seconds = self.started.elapsed().as_secs_f64();
            let line = &self.line;
            self.metrics
                .record(line.route, line.status, line.outcome.as_ref(), line.seconds);
            write_line(line.render(time::OffsetDateTime::now_utc()));
        }
    }
    metrics.in_flight.fetch_add(1, Ordering::Relaxed);
    let mut pending = Pending {
        metrics,
        line: RequestLine {
            id,
            method,
            route,
            status: CLIENT_CLOSED_REQUEST,
            outcome: None,
            seconds: 0.0,
        },
        started,
    };
    let mut response = next.run(request).await;
    pending.line.status = response.status().as_u16();
    pending.line.outcome = response.extensions().get::<Outcome>().copied();
    drop(pending);
    response
        .headers_mut()
        .insert("x-request-id", HeaderValue::from(id));
    response
}

/// The status logged and counted for a request whose client hung up before its answer was ready:
/// nginx's 499, "client closed request". No client ever receives it.
pub const CLIENT_CLOSED_REQUEST: u16 = 499;

/// Whether `given` equals `expected`, in a time that depends on `expected`'s length alone: every byte
/// of the expected token is compared whatever the given one holds.
pub fn token_matches(expected: &[u8], given: &[u8]) -> bool {
    let mut difference = (expected.len() ^ given.len()) as u64;
    for (i, byte) in expected.iter().enumerate() {
        let other = given.get(i).copied().unwrap_or(!*byte);
        difference |= u64::from(byte ^ other);
    }
    std::hint::black_box(difference) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_comparison() {
        assert!(token_matches(b"secret", b"secret"));
        assert!(!token_matches(b"secret", b"secreT"));
        assert!(!token_matches(b"secret", b"secret2"));
        assert!(!token_matches(b"secret", b"secre"));
        assert!(!token_matches(b"secret", b""));
    }

    #[test]
    fn a_request_line_is_what_the_general_line_would_be() {
        let now =
            time::OffsetDateTime::from_unix_timestamp_nanos(1_796_000_000_123_400_000).unwrap();
        let whole = time::OffsetDateTime::from_unix_timestamp(1_796_000_000).unwrap();
        let invalid = Some(Outcome {
            kind: Some("confirm-invoice"),
            valid: false,
        });
        let undetected = Some(Outcome {
            kind: None,
            valid: false,
        });
        let valid = Some(Outcome {
            kind: Some("create-invoice"),
            valid: true,
        });
        for (outcome, seconds, at) in [
            (None, 0.000_031_4, now),
            (invalid, 0.002, whole),
            (undetected, 12.345_678_9, now),
            (valid, 0.0, now),
            (invalid, 1e-9, whole),
        ] {
            let line = RequestLine {
                id: u64::MAX,
                method: "POST",
                route: "/v1/validate/{kind}",
                status: 200,
                outcome,
                seconds,
            };
            let fast = String::from_utf8(line.render(at)).unwrap();
            let general = String::from_utf8(event_line(at, "request", &line.fields())).unwrap();
            assert_eq!(fast, general);
        }
    }

    #[test]
    fn routes_are_templates() {
        assert_eq!(
            route_of("/v1/validate/create-invoice"),
            "/v1/validate/{kind}"
        );
        assert_eq!(route_of("/v1/validate/a/b"), "unmatched");
        assert_eq!(route_of("/internal/floor/read"), "/internal/floor/read");
        assert_eq!(route_of("/internal/floor/x"), "unmatched");
        assert_eq!(route_of("/9820012345"), "unmatched");
    }
}
