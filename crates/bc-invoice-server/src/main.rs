//! `bc-invoice-server`: the bc-invoice validator as an HTTP service, for stacks that cannot link Rust, with
//! a page where a person pastes a document and sees every finding beside its source line.
//!
//! HTTP/1.1 on hyper's connection builder (for its header read timeout), axum's router on top, tokio
//! underneath. The API is described in `openapi.json` beside this crate's `Cargo.toml`, served at
//! `GET /openapi.json`; operations (limits, timeouts, shutdown, logs, authentication, TLS) are in
//! `docs/server.md`.

mod app;
mod io;
mod ops;

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use clap::Parser;
use hyper::service::Service as _;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{Notify, OwnedSemaphorePermit, Semaphore, mpsc, watch};

use crate::ops::log_event;

/// The environment variable that sets the address to listen on when `--listen` is not given.
const LISTEN_ENV: &str = "BC_INVOICE_SERVER_LISTEN";

/// Serves the bc-invoice validator over HTTP: `POST /v1/validate` and a page at `/`.
#[derive(Debug, Parser)]
#[command(name = "bc-invoice-server", version)]
struct Args {
    /// Address to listen on [default: the environment variable BC_INVOICE_SERVER_LISTEN, else
    /// 127.0.0.1:8080]. Port 0 picks a free port; the `listening` log line says which.
    #[arg(long, value_name = "ADDR")]
    listen: Option<String>,

    /// The largest request body in bytes, 1 or more; a larger one gets 413 and is not read past the
    /// limit.
    #[arg(long, value_name = "BYTES", default_value_t = 1 << 20, value_parser = bytes)]
    body_limit: usize,

    /// Seconds a client has to send a request's headers (and an idle connection stays open).
    #[arg(long, value_name = "SECONDS", default_value_t = 10.0, value_parser = seconds)]
    header_timeout: f64,

    /// Seconds a client has to send a request's body, once its headers are in.
    #[arg(long, value_name = "SECONDS", default_value_t = 30.0, value_parser = seconds)]
    body_timeout: f64,

    /// Seconds a client has to take a response once the socket's send buffer is full; a client that
    /// does not read its responses is disconnected after them.
    #[arg(long, value_name = "SECONDS", default_value_t = 30.0, value_parser = seconds)]
    write_timeout: f64,

    /// Validation requests handled at once; beyond them a request gets 503 with Retry-After.
    #[arg(long, value_name = "N", default_value_t = 256, value_parser = clap::value_parser!(u32).range(1..))]
    max_concurrent: u32,

    /// Connections served at once; a client connecting beyond them waits, in the listener's backlog,
    /// until one closes. Each may hold a report the client has not read, so this bounds their memory.
    #[arg(long, value_name = "N", default_value_t = 512, value_parser = clap::value_parser!(u32).range(1..))]
    max_connections: u32,

    /// Seconds to wait for requests in flight once the listener has closed (after SIGTERM or SIGINT
    /// and the --drain) before giving up on them; a second signal gives up at once.
    #[arg(long, value_name = "SECONDS", default_value_t = 60.0, value_parser = seconds)]
    shutdown_timeout: f64,

    /// Seconds to go on serving after SIGTERM or SIGINT, with /readyz answering 503, before the
    /// listener closes: time for a load balancer's health checks to take the instance out. A second
    /// signal ends it.
    #[arg(long, value_name = "SECONDS", default_value_t = 0.0, value_parser = seconds_or_zero)]
    drain: f64,

    /// Require `Authorization: Bearer <token>` on /v1/ and /metrics, the token being this file's
    /// contents less surrounding whitespace and a byte order mark (the file is read up to 8 KiB; a longer
    /// one is refused, as is a pipe that has not ended within 10 s).
    #[arg(long, value_name = "FILE")]
    token_file: Option<PathBuf>,

    /// Serve `POST /internal/floor`, which reads the body under the same limits and answers a fixed
    /// 200 without validating: the floor the benchmark measures validation against; and
    /// `POST /internal/floor/read`, which also reads the body as JSON (serde_json, into `IgnoredAny`),
    /// the least any validator must do. Off by default.
    #[arg(long)]
    floor_route: bool,
}

/// A number of bytes, 1 or more: a limit of 0 would refuse every body, a mistake rather than a setting.
fn bytes(text: &str) -> Result<usize, String> {
    match text.parse::<usize>() {
        Ok(value) if value > 0 => Ok(value),
        _ => Err(format!("{text:?} is not a number of bytes above 0")),
    }
}

fn seconds(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(value) if value.is_finite() && value > 0.0 && value < 1e6 => Ok(value),
        _ => Err(format!("{text:?} is not a number of seconds above 0")),
    }
}

fn seconds_or_zero(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(value) if value.is_finite() && (0.0..1e6).contains(&value) => Ok(value),
        _ => Err(format!("{text:?} is not a number of seconds, 0 or more")),
    }
}

/// Each connection's socket send buffer, in bytes (the kernel doubles it for its bookkeeping): a
/// client that reads nothing holds at most this much of the host's memory in its socket until the
/// write timeout, whatever it asks for. A 1,000-finding report is a few hundred kilobytes.
const SEND_BUFFER: usize = 256 * 1024;

/// The longest token file read, in bytes: nginx's and most proxies' header buffers are 8 KiB
/// (`large_client_header_buffers`), so a longer token could not reach the service behind them. The file
/// is never read past it, so `--token-file /dev/zero` or a pipe that never ends is an error, not all of
/// the host's memory.
const TOKEN_FILE_LIMIT: u64 = 8 * 1024;

/// How long a token file that is a pipe or a device (`<(…)`, a named pipe) has to give its token and end:
/// a secret fetched by a command takes a moment, a named pipe that no one writes to takes for ever.
const TOKEN_FILE_WAIT: Duration = Duration::from_secs(10);

/// The token file's text, read up to [`TOKEN_FILE_LIMIT`] bytes ([`token_text`] takes the token from it): a file, a pipe
/// (`<(…)`) or any other path the operator names. On Unix it is opened without blocking: a named pipe
/// with no writer would hold `open()` until one came, the server silent and never listening. A read that
/// would block (a pipe, a terminal) waits in `poll()`, and all of them together wait [`TOKEN_FILE_WAIT`]
/// at most.
fn read_token_file(path: &std::path::Path) -> std::io::Result<String> {
    let bytes = read_within(path, TOKEN_FILE_LIMIT + 1, TOKEN_FILE_WAIT)?;
    if bytes.len() as u64 > TOKEN_FILE_LIMIT {
        return Err(std::io::Error::other(format!(
            "it is longer than {TOKEN_FILE_LIMIT} bytes, more than an HTTP header carries through most proxies"
        )));
    }
    String::from_utf8(bytes)
        .map_err(|_| std::io::Error::new(std::io::ErrorKind::InvalidData, "it is not UTF-8 text"))
}

/// The token a token file's text holds: less white space and byte order marks at either end, wherever an
/// editor or a shell's here-string put them (`  \u{feff}token` as much as `\u{feff}token\r\n`). A byte
/// order mark is the file's, not the token's: Notepad and PowerShell 5's `Set-Content -Encoding UTF8`
/// start a file with one, and `trim` keeps it (U+FEFF is not white space), so every request would be
/// refused with nothing to say why.
fn token_text(text: &str) -> &str {
    text.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
}

/// The file's bytes to its end, or its first `limit` and a few more; on Unix, opened with `O_NONBLOCK`,
/// and given `wait` in all to end.
#[cfg(unix)]
fn read_within(path: &std::path::Path, limit: u64, wait: Duration) -> std::io::Result<Vec<u8>> {
    use std::io::{ErrorKind, Read};
    use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
    let deadline = std::time::Instant::now() + wait;
    let nonblocking = rustix::fs::OFlags::NONBLOCK.bits();
    let mut file = std::fs::File::options()
        .read(true)
        .custom_flags(nonblocking as i32)
        .open(path)?;
    // A named pipe opened without blocking reads as ended while no writer has opened it: its first
    // read waits for a writer's bytes, or its close.
    let mut ready = !file.metadata()?.file_type().is_fifo();
    let mut bytes = Vec::new();
    let mut buffer = [0; 4096];
    while bytes.len() as u64 <= limit {
        if !ready {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            let timeout = rustix::event::Timespec::try_from(left).map_err(std::io::Error::other)?;
            let mut fds = [rustix::event::PollFd::new(
                &file,
                rustix::event::PollFlags::IN,
            )];
            match rustix::event::poll(&mut fds, Some(&timeout)) {
                Ok(0) if left.is_zero() => {
                    return Err(std::io::Error::new(
                        ErrorKind::TimedOut,
                        format!(
                            "it did not end within {} s (a named pipe with no writer, or one \
                             that is never closed?)",
                            wait.as_secs()
                        ),
                    ));
                }
                Ok(0) | Err(rustix::io::Errno::INTR) => continue,
                Ok(_) => ready = true,
                Err(e) => return Err(e.into()),
            }
        }
        match file.read(&mut buffer) {
            Ok(0) => break,
            Ok(read) => bytes.extend_from_slice(&buffer[..read]),
            Err(e) if e.kind() == ErrorKind::WouldBlock => ready = false,
            Err(e) if e.kind() == ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(bytes)
}

#[cfg(not(unix))]
fn read_within(path: &std::path::Path, limit: u64, _wait: Duration) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut bytes = Vec::new();
    std::fs::File::open(path)?
        .take(limit)
        .read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// `text` safe to show on standard error, which a terminal or a CI log reads: each control, bidirectional
/// or invisible character shown as `?`, and the `[` of every CI log command (`##[error]`, `##vso[`) too,
/// as the command shows a hostile name. An address, a path or a flag's value is quoted in an error.
fn shown(text: &str) -> String {
    use bc_invoice_validate::render::{break_log_commands, is_unsafe_char};
    let safe: String = text
        .chars()
        .map(|c| if is_unsafe_char(c) { '?' } else { c })
        .collect();
    break_log_commands(&safe).into_owned()
}

/// Writes `error: MESSAGE` on standard error, made safe ([`shown`]); a standard error that cannot be
/// written (closed) is passed over rather than a panic. Status 2.
fn fail(message: &str) -> ExitCode {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "error: {}", shown(message));
    ExitCode::from(2)
}

/// The arguments, or the status to exit with at once: a usage error's, written on standard error with
/// each line made safe ([`shown`]), since clap quotes a flag's value or an unknown argument as it is, and
/// colours it on a terminal, its escape sequences and all; or help's and the version's, which go to
/// standard output as clap writes them, status 2 with the reason when they cannot be written (a full
/// disk, a closed pipe), as the command's are.
fn parse_args() -> Result<Args, ExitCode> {
    use std::io::Write;
    match Args::try_parse() {
        Ok(args) => Ok(args),
        Err(e) if !e.use_stderr() => match e.print().and_then(|()| std::io::stdout().flush()) {
            Ok(()) => Err(ExitCode::SUCCESS),
            Err(failure) => Err(fail(&format!("cannot write the help: {failure}"))),
        },
        Err(e) => {
            let text = e.render().to_string();
            let lines: Vec<String> = text.trim_end().lines().map(shown).collect();
            let _ = writeln!(std::io::stderr(), "{}", lines.join("\n"));
            Err(ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2)))
        }
    }
}

fn main() -> ExitCode {
    survive_file_size_limit();
    let args = match parse_args() {
        Ok(args) => args,
        Err(code) => return code,
    };
    let token = match &args.token_file {
        None => None,
        Some(path) => match read_token_file(path) {
            Ok(text) => {
                let token = token_text(&text);
                // A header carries tabs, visible ASCII, spaces and bytes 0x80-0xFF (RFC 9110, 5.5): a
                // token with anything else inside (a second line, a control character) could never be
                // sent, and every request would be refused with nothing to say why.
                if token.bytes().any(|b| b != b'\t' && (b < 0x20 || b == 0x7f)) {
                    return fail(&format!(
                        "the token in {} has a line break or another control character inside it, \
                         which an Authorization header cannot carry",
                        path.display()
                    ));
                }
                // Nor can a byte order mark inside it be typed or seen: a file's mistake.
                if token.contains('\u{feff}') {
                    return fail(&format!(
                        "the token in {} has a byte order mark (U+FEFF) inside it, which no client \
                         would send",
                        path.display()
                    ));
                }
                if token.is_empty() {
                    return fail(&format!("the token file {} is empty", path.display()));
                }
                Some(token.as_bytes().to_vec())
            }
            Err(e) => {
                return fail(&format!(
                    "cannot read the token file {}: {e}",
                    path.display()
                ));
            }
        },
    };
    // Not UTF-8, the variable is an operator's mistake, not an absence: the default address would be
    // listened on without a word.
    let listen = match (&args.listen, std::env::var(LISTEN_ENV)) {
        (Some(listen), _) => listen.clone(),
        (None, Ok(listen)) => listen,
        (None, Err(std::env::VarError::NotPresent)) => "127.0.0.1:8080".to_owned(),
        (None, Err(std::env::VarError::NotUnicode(_))) => {
            return fail(&format!(
                "the environment variable {LISTEN_ENV} is not UTF-8 text"
            ));
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => return fail(&format!("cannot start the runtime: {e}")),
    };
    let (code, last) = runtime.block_on(run(args, listen, token));
    // Requests given up on at `--shutdown-timeout` end with the runtime's tasks: each is logged and counted
    // as one whose client closed it (499), before the last line says the server stopped with them. A check
    // under way on the blocking pool is given a second more, not waited for without end.
    runtime.shutdown_timeout(Duration::from_secs(1));
    if let Some(last) = last {
        log_event(last, &[]);
    }
    // The last lines (`stopped`) reach the log unless its reader is stuck.
    ops::flush_log(Duration::from_secs(2));
    code
}

/// A write past the file size limit (`ulimit -f`, `RLIMIT_FSIZE`), as the log's once standard output is a
/// file that has grown to it, raises SIGXFSZ, which kills a process that does not handle it: every
/// request in flight, and the service, would be lost to a log line. With a handler the write fails with
/// `EFBIG` instead, and the lines are counted as dropped.
fn survive_file_size_limit() {
    #[cfg(unix)]
    {
        let seen = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let _ = signal_hook::flag::register(signal_hook::consts::SIGXFSZ, seen);
    }
}

/// Binds, serves until SIGTERM or SIGINT, then lets every accepted request finish; the exit status, and
/// the log's last event (`stopped`), which is logged once the runtime's tasks are gone.
async fn run(
    args: Args,
    listen: String,
    token: Option<Vec<u8>>,
) -> (ExitCode, Option<&'static str>) {
    let listener = match TcpListener::bind(&listen).await {
        Ok(listener) => listener,
        Err(e) => return (fail(&format!("cannot listen on {listen}: {e}")), None),
    };
    let address = listener
        .local_addr()
        .map_or_else(|_| listen.clone(), |a| a.to_string());
    let state = Arc::new(app::State::new(app::Config {
        body_limit: args.body_limit,
        body_timeout: Duration::from_secs_f64(args.body_timeout),
        max_concurrent: args.max_concurrent as usize,
        token,
        floor_route: args.floor_route,
    }));
    let router = app::router(state.clone());
    let mut signals = Signals::new();
    let header_timeout = Duration::from_secs_f64(args.header_timeout);
    let write_timeout = Duration::from_secs_f64(args.write_timeout);
    log_event(
        "listening",
        &[
            ("address", address.as_str().into()),
            ("bodyLimit", args.body_limit.into()),
            ("maxConcurrent", args.max_concurrent.into()),
            ("maxConnections", args.max_connections.into()),
            ("auth", state.config.token.is_some().into()),
        ],
    );

    // Every connection task holds a sender; when all are dropped, every connection is done.
    let (done_tx, mut done_rx) = mpsc::channel::<()>(1);
    let (shutdown_tx, shutdown_rx) = watch::channel(false);
    // A connection holds a permit until it closes: at the limit, the next is not accepted until one does.
    let connections = Arc::new(Semaphore::new(args.max_connections as usize));
    let serve = |stream: TcpStream,
                 slot: Option<OwnedSemaphorePermit>,
                 keep_alive: bool,
                 shutdown: Option<watch::Receiver<bool>>| {
        let inner = TowerToHyperService::new(router.clone());
        // Set once the connection's first request is in: until then a shutdown waits for it rather
        // than closing a connection whose request is on its way.
        let begun = Arc::new(Notify::new());
        let started = Arc::new(AtomicBool::new(false));
        let service = {
            let (begun, started) = (begun.clone(), started.clone());
            hyper::service::service_fn(move |request| {
                if !started.swap(true, Ordering::Relaxed) {
                    begun.notify_one();
                }
                inner.call(request)
            })
        };
        let done = done_tx.clone();
        let state = state.clone();
        let _ = stream.set_nodelay(true);
        let _ = socket2::SockRef::from(&stream).set_send_buffer_size(SEND_BUFFER);
        tokio::spawn(async move {
            let _slot = slot;
            // What hyper answered or ended itself, counted and logged (`Metrics::reject`).
            let note = |result: Result<(), hyper::Error>| {
                if let Err(error) = result
                    && let Some(reason) = rejection(&error, started.load(Ordering::Relaxed))
                {
                    state.metrics.reject(reason);
                }
            };
            let mut builder = hyper::server::conn::http1::Builder::new();
            builder
                .timer(TokioTimer::new())
                .header_read_timeout(header_timeout)
                .keep_alive(keep_alive);
            let stream = io::WriteDeadline::new(stream, write_timeout);
            let connection = builder.serve_connection(TokioIo::new(stream), service);
            tokio::pin!(connection);
            match shutdown {
                Some(mut shutdown) => {
                    let stop = async move {
                        let _ = shutdown.wait_for(|stop| *stop).await;
                    };
                    tokio::select! {
                        result = connection.as_mut() => note(result),
                        () = stop => {
                            if !started.load(Ordering::Relaxed) {
                                // The first request may be in the socket: serve it (the header
                                // timeout bounds the wait), then close.
                                tokio::select! {
                                    result = connection.as_mut() => {
                                        note(result);
                                        drop(done);
                                        return;
                                    }
                                    () = begun.notified() => {}
                                }
                            }
                            // Finishes the request in flight, if any, then closes.
                            connection.as_mut().graceful_shutdown();
                            note(connection.as_mut().await);
                        }
                    }
                }
                None => note(connection.await),
            }
            drop(done);
        });
    };

    let accept = |stream, slot| serve(stream, Some(slot), true, Some(shutdown_rx.clone()));
    let name = accept_until(&listener, &connections, signals.recv(), accept).await;
    state.draining.store(true, Ordering::SeqCst);
    log_event("shutdown", &[("signal", name.into())]);
    if args.drain > 0.0 {
        // Still serving, /readyz answering 503, until the load balancer has seen it, or until a second
        // signal says not to wait.
        let drained = async {
            tokio::select! {
                () = tokio::time::sleep(Duration::from_secs_f64(args.drain)) => None,
                name = signals.recv() => Some(name),
            }
        };
        if let Some(name) = accept_until(&listener, &connections, drained, accept).await {
            log_event("drainEnded", &[("signal", name.into())]);
        }
    }
    // From here the kernel completes no new connection on the listener: a new client's SYN is dropped,
    // and its retry after the listener's close is refused. Without this a client whose connection the
    // kernel completed between the last accept below and the close was reset after sending its request.
    stop_completing_connections(&listener);
    // A handshake whose last packet passed the filter just before it was set is queued within
    // microseconds; this wait lets it land in the backlog before the backlog's last read.
    tokio::time::sleep(Duration::from_millis(10)).await;
    // Connections the kernel completed before are served too (one request each), then the socket is
    // closed.
    if let Ok(listener) = listener.into_std() {
        let _ = listener.set_nonblocking(true);
        while let Ok((stream, _)) = listener.accept() {
            if stream.set_nonblocking(true).is_err() {
                continue;
            }
            if let Ok(stream) = TcpStream::from_std(stream) {
                // These are the backlog's, a bounded few: served one request each, a slot or not.
                serve(
                    stream,
                    connections.clone().try_acquire_owned().ok(),
                    false,
                    None,
                );
            }
        }
    }
    let _ = shutdown_tx.send(true);
    drop(done_tx);
    // Until every connection has finished, the timeout, or another signal: an operator's word that the
    // requests in flight are not to be waited for.
    let finished = tokio::select! {
        done = tokio::time::timeout(
            Duration::from_secs_f64(args.shutdown_timeout),
            done_rx.recv(),
        ) => done.is_ok(),
        name = signals.recv() => {
            log_event("waitEnded", &[("signal", name.into())]);
            false
        }
    };
    if finished {
        (ExitCode::SUCCESS, Some("stopped"))
    } else {
        (ExitCode::FAILURE, Some("stoppedWithRequestsInFlight"))
    }
}

/// Why hyper ended a connection itself, if it is a rejection an operator should see: a request it could
/// not parse (`400`), a head or URI too large (`431`, `414`), or no request within the header timeout on
/// a connection that has had none (`started`: a kept-alive connection going idle after its requests is
/// not a rejection).
fn rejection(error: &hyper::Error, started: bool) -> Option<&'static str> {
    if error.is_parse_too_large() {
        Some("tooLarge")
    } else if error.is_parse() {
        Some("malformed")
    } else if error.is_timeout() && !started {
        Some("headerTimeout")
    } else {
        None
    }
}

/// Makes the kernel drop every packet that reaches `listener` from now on (a socket filter that keeps
/// nothing), so that it completes no new connection: a client's SYN goes unanswered, and its retry after
/// the listener's close is refused. Connections already in its backlog are not touched. Linux only; where
/// the filter cannot be set, a client connecting in the instant before the close may be reset.
fn stop_completing_connections(listener: &TcpListener) {
    #[cfg(any(target_os = "linux", target_os = "android"))]
    {
        // BPF_RET | BPF_K with k = 0: keep no byte of any packet.
        const DROP_ALL: [socket2::SockFilter; 1] = [socket2::SockFilter::new(0x06, 0, 0, 0)];
        if let Err(e) = socket2::SockRef::from(listener).attach_filter(&DROP_ALL) {
            log_event("filterError", &[("error", e.to_string().into())]);
        }
    }
    #[cfg(not(any(target_os = "linux", target_os = "android")))]
    let _ = listener;
}

/// Serves every connection `listener` accepts until `stop` resolves, and gives its output, each
/// connection with one of `connections`' permits: with none left, the next connection waits in the
/// listener's backlog until one closes. `stop` is looked at first: a burst of connections must not keep a
/// signal from being seen.
async fn accept_until<T>(
    listener: &TcpListener,
    connections: &Arc<Semaphore>,
    stop: impl std::future::Future<Output = T>,
    mut serve: impl FnMut(TcpStream, OwnedSemaphorePermit),
) -> T {
    tokio::pin!(stop);
    loop {
        let next = async {
            // The semaphore is never closed: the permit always comes, when a connection closes.
            let slot = connections.clone().acquire_owned().await;
            (slot, listener.accept().await)
        };
        tokio::select! {
            biased;
            done = &mut stop => return done,
            (slot, accepted) = next => match (slot, accepted) {
                (Ok(slot), Ok((stream, _))) => serve(stream, slot),
                (Err(_), _) => return stop.await,
                (Ok(_), Err(e)) => {
                    // Out of file descriptors and the like: wait rather than spin.
                    log_event("acceptError", &[("error", e.to_string().into())]);
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
            },
        }
    }
}

/// SIGTERM and SIGINT, listened for from the moment this is made: a signal that comes before the accept
/// loop first waits on it is not lost, and never kills the process unhandled.
struct Signals {
    #[cfg(unix)]
    term: Option<tokio::signal::unix::Signal>,
    #[cfg(unix)]
    int: Option<tokio::signal::unix::Signal>,
}

impl Signals {
    fn new() -> Self {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{SignalKind, signal};
            Signals {
                term: signal(SignalKind::terminate()).ok(),
                int: signal(SignalKind::interrupt()).ok(),
            }
        }
        #[cfg(not(unix))]
        Signals {}
    }

    /// Resolves with the signal's name on the next SIGTERM or SIGINT.
    async fn recv(&mut self) -> &'static str {
        #[cfg(unix)]
        if let (Some(term), Some(int)) = (&mut self.term, &mut self.int) {
            return tokio::select! {
                _ = term.recv() => "SIGTERM",
                _ = int.recv() => "SIGINT",
            };
        }
        let _ = tokio::signal::ctrl_c().await;
        "SIGINT"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether a client's connection to a fresh listener completes within 300 ms, with the listener's
    /// connections stopped first or not.
    fn completes(stopped: bool) -> bool {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async {
            let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
            if stopped {
                stop_completing_connections(&listener);
            }
            let address = listener.local_addr().unwrap();
            let connect = TcpStream::connect(address);
            tokio::time::timeout(Duration::from_millis(300), connect)
                .await
                .is_ok_and(|connected| connected.is_ok())
        })
    }

    #[test]
    #[cfg(any(target_os = "linux", target_os = "android"))]
    fn a_stopped_listener_completes_no_connection() {
        assert!(completes(false));
        assert!(!completes(true));
    }
}
