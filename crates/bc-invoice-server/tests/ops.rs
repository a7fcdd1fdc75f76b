//! Operations against the built binary: limits, timeouts, the concurrency limit, authentication and
//! shutdown, with real sockets.

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use common::{Server, get, post, post_with, read_until_closed, root, write_some};

fn status_of(response: &[u8]) -> Option<u16> {
    let text = std::str::from_utf8(response.get(..12)?).ok()?;
    text.strip_prefix("HTTP/1.1 ")?.parse().ok()
}

#[test]
fn a_declared_length_over_the_limit_is_refused_before_the_body() {
    let server = Server::start(&["--body-limit", "1000"]);
    let mut stream = TcpStream::connect(&server.address).unwrap();
    // Headers only: the answer comes without a byte of the body.
    write!(
        stream,
        "POST /v1/validate HTTP/1.1\r\nHost: x\r\nContent-Length: 1001\r\n\r\n"
    )
    .unwrap();
    let (response, closed) = read_until_closed(&mut stream, Duration::from_secs(10));
    assert_eq!(
        status_of(&response),
        Some(413),
        "{}",
        String::from_utf8_lossy(&response)
    );
    assert!(closed);
    let text = String::from_utf8_lossy(&response);
    assert!(text.contains("application/problem+json"), "{text}");
    assert!(text.contains("over the limit of 1000 bytes"), "{text}");
    // At the limit, it is read and validated; with a real client both ways.
    let at = post(&server.url("/v1/validate"), &vec![b' '; 1000]);
    assert_eq!(at.status, 200);
    let over = post(&server.url("/v1/validate"), &vec![b' '; 1001]);
    assert_eq!(over.status, 413);
    assert_eq!(post(&server.url("/v1/validate"), b"{}").status, 200);
}

#[test]
fn chunked_bodies_over_the_limit_get_413_with_bounded_memory() {
    let server = Server::start(&[]);
    // Warm up, then take the peak as the baseline.
    let create = std::fs::read(root().join("tests/fixtures/valid/create-invoice.json")).unwrap();
    for _ in 0..20 {
        assert_eq!(post(&server.url("/v1/validate"), &create).status, 200);
    }
    let before = server.peak_kib();
    // 16 clients at once, each offering 64 MiB without a declared length.
    let offered = 64usize << 20;
    let clients: Vec<_> = (0..16)
        .map(|_| {
            let address = server.address.clone();
            std::thread::spawn(move || {
                let mut stream = TcpStream::connect(&address).unwrap();
                let mut reader = stream.try_clone().unwrap();
                let writer = std::thread::spawn(move || {
                    let mut sent = 0usize;
                    if !write_some(
                        &mut stream,
                        b"POST /v1/validate HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n",
                    ) {
                        return sent;
                    }
                    let chunk = [b' '; 65536];
                    let mut framed = format!("{:x}\r\n", chunk.len()).into_bytes();
                    framed.extend_from_slice(&chunk);
                    framed.extend_from_slice(b"\r\n");
                    while sent < offered {
                        if !write_some(&mut stream, &framed) {
                            break;
                        }
                        sent += chunk.len();
                    }
                    sent
                });
                let (response, _) = read_until_closed(&mut reader, Duration::from_secs(20));
                let sent = writer.join().unwrap();
                (status_of(&response), sent)
            })
        })
        .collect();
    for client in clients {
        let (status, sent) = client.join().unwrap();
        assert_eq!(status, Some(413));
        // The server stopped reading: the client could not hand over the whole body.
        assert!(sent < offered, "{sent}");
    }
    let after = server.peak_kib();
    // 16 bodies cut at 1 MiB each, plus buffers: the 1 GiB offered never comes near.
    assert!(
        after < before + 48 * 1024,
        "peak {before} KiB, then {after} KiB"
    );
    assert_eq!(post(&server.url("/v1/validate"), &create).status, 200);
}

/// A body within the limit sent in one-byte chunks costs the server about its size, not a frame's
/// handle and a share of hyper's read buffer for every byte (about 40 MiB for this 1 MiB body when
/// the frames were kept until the end).
#[test]
fn a_body_in_one_byte_chunks_costs_about_its_size() {
    let server = Server::start(&[]);
    let create = std::fs::read(root().join("tests/fixtures/valid/create-invoice.json")).unwrap();
    for _ in 0..20 {
        assert_eq!(post(&server.url("/v1/validate"), &create).status, 200);
    }
    let before = server.peak_kib();
    let mut stream = TcpStream::connect(&server.address).unwrap();
    let mut reader = stream.try_clone().unwrap();
    let writer = std::thread::spawn(move || {
        let mut request =
            b"POST /v1/validate HTTP/1.1\r\nHost: x\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n"
                .to_vec();
        for _ in 0..1_000_000 {
            request.extend_from_slice(b"1\r\n \r\n");
        }
        request.extend_from_slice(b"1\r\n{\r\n0\r\n\r\n");
        stream.write_all(&request).unwrap();
    });
    let (response, _) = read_until_closed(&mut reader, Duration::from_secs(60));
    writer.join().unwrap();
    let text = String::from_utf8_lossy(&response);
    assert_eq!(status_of(&response), Some(200), "{text}");
    // The 1,000,001 bytes arrived whole: the text ends after the `{`.
    assert!(text.contains("\"column\": 1000002"), "{text}");
    let after = server.peak_kib();
    assert!(
        after < before + 16 * 1024,
        "peak {before} KiB, then {after} KiB"
    );
}

#[test]
fn slow_clients_are_cut_off() {
    let server = Server::start(&[
        "--header-timeout",
        "1",
        "--body-timeout",
        "1",
        "--max-concurrent",
        "1",
        "--body-limit",
        "100",
    ]);
    let started = Instant::now();
    // Connects and sends nothing.
    let mut idle = TcpStream::connect(&server.address).unwrap();
    // Sends a byte of its headers every 200 ms, never finishing.
    let mut dripping = TcpStream::connect(&server.address).unwrap();
    let drip_address = dripping.try_clone().unwrap();
    let dripper = std::thread::spawn(move || {
        let mut stream = drip_address;
        let mut sent = 0;
        for byte in
            b"POST /v1/validate HTTP/1.1\r\nHost: x\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaa".iter()
        {
            if stream.write_all(&[*byte]).is_err() {
                break;
            }
            sent += 1;
            std::thread::sleep(Duration::from_millis(200));
        }
        sent
    });
    // Sends its headers and 10 bytes of its body, then a byte every 200 ms: it holds what it has sent of
    // the body budget (1 × 100 bytes here), and no validation slot.
    let mut slow_body = TcpStream::connect(&server.address).unwrap();
    write!(
        slow_body,
        "POST /v1/validate HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n          "
    )
    .unwrap();
    let body_writer = slow_body.try_clone().unwrap();
    std::thread::spawn(move || {
        let mut stream = body_writer;
        for _ in 0..100 {
            if stream.write_all(b" ").is_err() {
                break;
            }
            std::thread::sleep(Duration::from_millis(200));
        }
    });
    std::thread::sleep(Duration::from_millis(300));
    // While it trickles, the only validation slot is free: another document is validated.
    let mut fits = b"{}".to_vec();
    fits.resize(50, b' ');
    assert_eq!(post(&server.url("/v1/validate"), &fits).status, 200);
    // A body that would take the budget past its end (10 and more held, 95 more) is refused with
    // Retry-After, and the server still answers other routes.
    let mut over = b"{}".to_vec();
    over.resize(95, b' ');
    let busy = post(&server.url("/v1/validate"), &over);
    assert_eq!(busy.status, 503);
    assert_eq!(busy.headers["retry-after"], "1");
    assert_eq!(busy.content_type, "application/problem+json");
    assert!(
        busy.body.contains("100 bytes of bodies in hand"),
        "{}",
        busy.body
    );
    assert_eq!(get(&server.url("/healthz")).status, 200);

    let (response, closed) = read_until_closed(&mut idle, Duration::from_secs(10));
    assert!(closed && response.is_empty(), "{response:?}");
    let (response, closed) = read_until_closed(&mut dripping, Duration::from_secs(10));
    assert!(closed, "the dripping client was not cut off");
    // hyper closes without an answer, or answers 408.
    assert!(
        response.is_empty() || status_of(&response) == Some(408),
        "{response:?}"
    );
    let (response, closed) = read_until_closed(&mut slow_body, Duration::from_secs(10));
    assert!(closed);
    assert_eq!(
        status_of(&response),
        Some(408),
        "{}",
        String::from_utf8_lossy(&response)
    );
    assert!(String::from_utf8_lossy(&response).contains("did not arrive within 1 seconds"));
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    // The dripping client had more to send when it was cut off.
    assert!(dripper.join().unwrap() < 60);
    // The budget is whole again.
    assert_eq!(post(&server.url("/v1/validate"), &over).status, 200);
}

#[test]
fn a_bearer_token_guards_the_api() {
    let dir = std::env::temp_dir().join(format!("bc-invoice-server-token-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("token");
    std::fs::write(&file, "s3cret-token\n").unwrap();
    let server = Server::start(&["--token-file", file.to_str().unwrap()]);
    let url = server.url("/v1/validate");
    for headers in [
        vec![],
        vec![("authorization", "Bearer wrong")],
        vec![("authorization", "Bearer s3cret-toke")],
        vec![("authorization", "Bearer s3cret-token2")],
        vec![("authorization", "Basic s3cret-token")],
        vec![("authorization", "Bearers3cret-token")],
        vec![("authorization", "Bearer")],
    ] {
        let answer = post_with(&url, &headers, b"{}");
        assert_eq!(answer.status, 401, "{headers:?}");
        assert_eq!(answer.headers["www-authenticate"], "Bearer");
        assert_eq!(answer.content_type, "application/problem+json");
    }
    for headers in [
        vec![("authorization", "Bearer s3cret-token")],
        vec![("authorization", "bearer s3cret-token")],
        // RFC 6750, 2.1: one or more spaces after the scheme.
        vec![("authorization", "Bearer   s3cret-token")],
    ] {
        assert_eq!(post_with(&url, &headers, b"{}").status, 200, "{headers:?}");
    }
    assert_eq!(get(&server.url("/metrics")).status, 401);
    assert_eq!(get(&server.url("/v1/rules")).status, 401);
    // The page, health and the description stay open.
    for path in ["/", "/healthz", "/readyz", "/openapi.json"] {
        assert_eq!(get(&server.url(path)).status, 200, "{path}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A client that hangs up while its document is checked on the blocking pool: hyper drops the request,
/// but the check goes on, and with it its validation slot and its body's bytes, until it ends; the
/// in-flight gauge comes back down. (The slot and the budget went with the request, so a crowd hanging up
/// ran any number of checks at once past `--max-concurrent`, and the gauge counted each such request in
/// flight for ever.)
#[test]
fn a_client_that_hangs_up_leaves_its_check_counted_until_it_ends() {
    let server = Server::start(&["--max-concurrent", "1", "--body-limit", "67108864"]);
    let fixture =
        std::fs::read_to_string(root().join("tests/fixtures/valid/confirm-invoice.accept.json"))
            .unwrap();
    // 48 MB of escapes in a remark: a check of about a second in a debug build.
    let slow = fixture.replacen(
        "\"Goods received",
        &format!("\"{}Goods received", "\\u00e9".repeat(8_000_000)),
        1,
    );
    let mut stream = TcpStream::connect(&server.address).unwrap();
    write!(
        stream,
        "POST /v1/validate HTTP/1.1\r\nHost: x\r\nContent-Length: {}\r\n\r\n",
        slow.len()
    )
    .unwrap();
    stream.write_all(slow.as_bytes()).unwrap();
    // The body is in and its check begun; then the client hangs up, and the server sees it.
    std::thread::sleep(Duration::from_millis(100));
    drop(stream);
    std::thread::sleep(Duration::from_millis(100));
    let url = server.url("/v1/validate");
    let answer = post(&url, b"{}");
    assert_eq!(answer.status, 503, "{}", answer.body);
    assert_eq!(answer.headers["retry-after"], "1");
    // Once the check is over, the slot is free again.
    let started = Instant::now();
    while post(&url, b"{}").status != 200 {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "the slot stayed taken"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    // Nothing is in flight but the request for the metrics.
    let metrics = get(&server.url("/metrics")).body;
    assert!(
        metrics.contains("\nbc_invoice_http_requests_in_flight 1\n"),
        "{metrics}"
    );
    // The request that was never answered is counted and logged, as nginx's 499 (client closed request),
    // with no kind or verdict: nobody was told one.
    assert!(
        metrics.contains(
            "\nbc_invoice_http_requests_total{route=\"/v1/validate\",status=\"499\"} 1\n"
        ),
        "{metrics}"
    );
    let closed: Vec<serde_json::Value> = server
        .log()
        .into_iter()
        .filter(|line| line["status"] == 499)
        .collect();
    assert_eq!(closed.len(), 1, "{closed:?}");
    let line = closed[0].as_object().unwrap();
    let members: Vec<&str> = line.keys().map(String::as_str).collect();
    assert_eq!(
        members,
        [
            "durationMs",
            "event",
            "method",
            "requestId",
            "route",
            "status",
            "ts"
        ]
    );
    assert_eq!(line["event"], "request");
    assert_eq!(line["method"], "POST");
    assert_eq!(line["route"], "/v1/validate");
    assert!(line["durationMs"].as_f64().unwrap() >= 100.0, "{line:?}");
}

/// A client that hangs up while its body comes (its connection reset: a process killed with unread data,
/// a proxy giving up) is one whose request was closed: logged and counted as 499, as one dropped during
/// its check is, not as a bad request (400, "the body could not be read"), which no one was there to read.
/// A client that only shuts down its sending side before the body's end may still read: it is answered,
/// 400, and never receives the 499.
#[test]
fn a_client_that_resets_during_its_body_is_a_closed_request() {
    let server = Server::start(&[]);
    let head = b"POST /v1/validate HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n{\"a\":";
    let reset = TcpStream::connect(&server.address).unwrap();
    (&reset).write_all(head).unwrap();
    let mut half = TcpStream::connect(&server.address).unwrap();
    half.write_all(head).unwrap();
    // The heads are in and their bodies begun; then one client resets, and the other stops sending.
    std::thread::sleep(Duration::from_millis(100));
    socket2::SockRef::from(&reset)
        .set_linger(Some(Duration::ZERO))
        .unwrap();
    drop(reset);
    half.shutdown(std::net::Shutdown::Write).unwrap();
    let (response, closed) = read_until_closed(&mut half, Duration::from_secs(10));
    assert!(closed);
    assert_eq!(status_of(&response), Some(400));
    let started = Instant::now();
    let statuses = loop {
        let mut statuses: Vec<u64> = server
            .log()
            .iter()
            .filter(|line| line["event"] == "request")
            .map(|line| line["status"].as_u64().unwrap())
            .collect();
        if statuses.len() == 2 || started.elapsed() > Duration::from_secs(10) {
            statuses.sort_unstable();
            break statuses;
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    assert_eq!(statuses, [400, 499]);
    let metrics = get(&server.url("/metrics")).body;
    for status in ["400", "499"] {
        assert!(
            metrics.contains(&format!(
                "\nbc_invoice_http_requests_total{{route=\"/v1/validate\",status=\"{status}\"}} 1\n"
            )),
            "{metrics}"
        );
    }
}

/// Starts the server with `--token-file path` and waits up to 30 s for it to exit: its status, standard
/// error and standard output. A server that started is stopped at the 30 s, and its output read to the end.
fn start_with_token_file(path: &str) -> (Option<i32>, String, String) {
    run_to_exit(&["--listen", "127.0.0.1:0", "--token-file", path], &[])
}

/// Runs the server with these arguments and environment variables, standard input empty, and waits up to
/// 30 s for it to exit: its status, standard error and standard output. One that has not exited by then
/// (it started, or it hangs) is killed, and its status is `None`.
fn run_to_exit(args: &[&str], env: &[(&str, &std::ffi::OsStr)]) -> (Option<i32>, String, String) {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_bc-invoice-server"))
        .args(args)
        .envs(env.iter().copied())
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() && started.elapsed() < Duration::from_secs(30) {
        std::thread::sleep(Duration::from_millis(20));
    }
    let _ = child.kill();
    let output = child.wait_with_output().unwrap();
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
    )
}

/// A named pipe as the token file is read as `<(…)` is, once a writer writes to it; one that no writer
/// opens (nor a terminal, nor a writer that never closes it) is refused after 10 s, status 2, where the
/// server waited in `open()` for a writer, without end and without a word.
#[cfg(unix)]
#[test]
fn a_token_pipe_without_a_writer_is_refused_after_a_wait() {
    let dir = tempfile_dir("fifo-token");
    let fifo = dir.join("token");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let path = fifo.to_str().unwrap();
    let started = Instant::now();
    assert_eq!(
        start_with_token_file(path),
        (
            Some(2),
            format!(
                "error: cannot read the token file {path}: it did not end within 10 s (a named pipe \
                 with no writer, or one that is never closed?)\n"
            ),
            String::new()
        )
    );
    assert!(started.elapsed() < Duration::from_secs(20));
    // A writer that comes late, as a secret's fetch does: its token is the one required.
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(500));
            std::fs::write(&fifo, "s3cret-token\n").unwrap();
        })
    };
    let server = Server::start(&["--token-file", path]);
    writer.join().unwrap();
    assert_eq!(get(&server.url("/v1/kinds")).status, 401);
    let with = post_with(
        &server.url("/v1/validate"),
        &[("authorization", "Bearer s3cret-token")],
        b"{}",
    );
    assert_eq!(with.status, 200);
    drop(server);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// What the server says on standard error quotes its arguments (an address, a path, a flag's value):
/// a terminal's escape sequence, a bidirectional override or a CI runner's log command (`##[error]`, read
/// anywhere in a line, standard error included) in one is shown as `?`, as the command shows them, not
/// obeyed. And a value of `BC_INVOICE_SERVER_LISTEN` that is not UTF-8 is an error, where it was passed
/// over for the default address without a word.
#[cfg(unix)]
#[test]
fn the_servers_errors_show_no_hostile_argument_as_it_is() {
    use std::os::unix::ffi::OsStrExt;
    let hostile = "\u{1b}]0;PWN\u{7}\u{202e}##[error]forged";
    let shown = "?]0;PWN??##?error]forged";
    let token = format!("/nonexistent/{hostile}");
    for (args, expected) in [
        // No port: refused before any name is looked up, so no resolver is waited for.
        (
            vec!["--listen", hostile],
            format!("error: cannot listen on {shown}: invalid socket address\n"),
        ),
        (
            vec!["--listen", "127.0.0.1:0", "--token-file", token.as_str()],
            format!("error: cannot read the token file /nonexistent/{shown}: "),
        ),
        // clap's rendering drops the escape sequence itself; the rest is shown as the command shows it.
        (
            vec!["--body-limit", hostile],
            "error: invalid value '?##?error]forged' for '--body-limit <BYTES>'".to_owned(),
        ),
        (
            vec![hostile],
            "error: unexpected argument '?##?error]forged'".to_owned(),
        ),
        // A body limit of 0 would refuse every body (the server audit: it was taken).
        (
            vec!["--body-limit", "0"],
            "error: invalid value '0' for '--body-limit <BYTES>': \"0\" is not a number of bytes above 0"
                .to_owned(),
        ),
    ] {
        let (status, stderr, stdout) = run_to_exit(&args, &[]);
        assert_eq!(
            (status, stdout.as_str()),
            (Some(2), ""),
            "{args:?}: {stderr}"
        );
        assert!(stderr.starts_with(&expected), "{args:?}: {stderr}");
        assert!(
            !stderr.contains(['\u{1b}', '\u{7}', '\u{202e}']) && !stderr.contains("##["),
            "{args:?}: {stderr}"
        );
    }
    let not_utf8 = std::ffi::OsStr::from_bytes(b"127.0.0.1:\xff0");
    let (status, stderr, stdout) = run_to_exit(&[], &[("BC_INVOICE_SERVER_LISTEN", not_utf8)]);
    assert_eq!(
        (status, stderr.as_str(), stdout.as_str()),
        (
            Some(2),
            "error: the environment variable BC_INVOICE_SERVER_LISTEN is not UTF-8 text\n",
            ""
        )
    );
}

/// Help or the version that cannot be written (standard output a full disk) is status 2 with the reason
/// on standard error, as the command's is: it was status 0, with nothing written.
#[cfg(target_os = "linux")]
#[test]
fn help_that_cannot_be_written_is_status_2() {
    for flag in ["--help", "--version"] {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_bc-invoice-server"))
            .arg(flag)
            .stdin(std::process::Stdio::null())
            .stdout(std::fs::File::create("/dev/full").unwrap())
            .stderr(std::process::Stdio::piped())
            .output()
            .unwrap();
        assert_eq!(
            (
                output.status.code(),
                String::from_utf8_lossy(&output.stderr).as_ref()
            ),
            (
                Some(2),
                "error: cannot write the help: No space left on device (os error 28)\n"
            ),
            "{flag}"
        );
    }
}

/// An error at the start with standard error closed (its reader gone) still ends with status 2, not a
/// panic's 101 from a failed write.
#[test]
fn an_error_with_standard_error_closed_is_status_2() {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_bc-invoice-server"))
        .args(["--listen", "not an address"])
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(writer)
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(2));
}

/// A token file whose token no header can carry (a second line, a control character inside it) is refused
/// at the start, as an empty one is, rather than served with every request refused `401`.
#[test]
fn a_token_no_header_can_carry_is_refused_at_the_start() {
    let dir = std::env::temp_dir().join(format!(
        "bc-invoice-server-bad-token-{}",
        std::process::id()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("token");
    let path = file.to_str().unwrap();
    for (contents, expected) in [
        (
            "old-token\nnew-token\n",
            format!(
                "error: the token in {path} has a line break or another control character inside it, \
                 which an Authorization header cannot carry\n"
            ),
        ),
        (
            "s3cret\u{7f}token",
            format!(
                "error: the token in {path} has a line break or another control character inside it, \
                 which an Authorization header cannot carry\n"
            ),
        ),
        (
            " \n\t\r\n",
            format!("error: the token file {path} is empty\n"),
        ),
        // A byte order mark alone is no token.
        (
            "\u{feff}\r\n",
            format!("error: the token file {path} is empty\n"),
        ),
        // Nor can one inside a token be sent (the server audit: it was kept).
        (
            "s3cret\u{feff}token\n",
            format!(
                "error: the token in {path} has a byte order mark (U+FEFF) inside it, which no \
                 client would send\n"
            ),
        ),
    ] {
        std::fs::write(&file, contents).unwrap();
        assert_eq!(
            start_with_token_file(path),
            (Some(2), expected, String::new()),
            "{contents:?}"
        );
    }
    // Spaces, tabs and bytes past ASCII inside a token are what a header carries: the server starts.
    std::fs::write(&file, "s3cret token\twith é\r\n").unwrap();
    let server = Server::start(&["--token-file", path]);
    let mut stream = TcpStream::connect(&server.address).unwrap();
    stream
        .write_all(
            "GET /v1/kinds HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\
             Authorization: Bearer s3cret token\twith é\r\n\r\n"
                .as_bytes(),
        )
        .unwrap();
    let (response, closed) = read_until_closed(&mut stream, Duration::from_secs(10));
    assert!(closed);
    assert_eq!(status_of(&response), Some(200));
    assert_eq!(get(&server.url("/v1/kinds")).status, 401);
    drop(server);
    // A byte order mark (Notepad's, PowerShell 5's `Set-Content -Encoding UTF8`) is the file's, not the
    // token's: the token after it is the one required. It was kept, so that no client could send it.
    // Wherever an editor put it at either end, after spaces too, or twice (the server audit: `  \u{feff}`
    // made the byte order mark part of the token).
    for contents in [
        "  \u{feff}s3cret-token\r\n",
        "\u{feff}\u{feff}s3cret-token \u{feff}",
    ] {
        std::fs::write(&file, contents).unwrap();
        let server = Server::start(&["--token-file", path]);
        let url = server.url("/v1/validate");
        let status = post_with(&url, &[("authorization", "Bearer s3cret-token")], b"{}").status;
        assert_eq!(status, 200, "{contents:?}");
    }
    std::fs::write(&file, "\u{feff}s3cret-token\r\n").unwrap();
    let server = Server::start(&["--token-file", path]);
    let url = server.url("/v1/validate");
    let with = |header: &str| post_with(&url, &[("authorization", header)], b"{}").status;
    assert_eq!(with("Bearer s3cret-token"), 200);
    let mut stream = TcpStream::connect(&server.address).unwrap();
    stream
        .write_all(
            "GET /v1/kinds HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\
             Authorization: Bearer \u{feff}s3cret-token\r\n\r\n"
                .as_bytes(),
        )
        .unwrap();
    let (response, closed) = read_until_closed(&mut stream, Duration::from_secs(10));
    assert!(closed);
    assert_eq!(status_of(&response), Some(401));
    drop(server);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A token file is read up to 8 KiB and no further: a file that never ends (`/dev/zero`, a pipe that is
/// never closed) or a longer one is refused at the start, in bounded time and memory, rather than read
/// until the host runs out of memory.
#[test]
fn a_token_file_past_eight_kib_is_refused_unread() {
    let dir = std::env::temp_dir().join(format!(
        "bc-invoice-server-long-token-{}",
        std::process::id()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let long = dir.join("token");
    std::fs::write(&long, "a".repeat(8 * 1024 + 1)).unwrap();
    let exactly = dir.join("token-8k");
    std::fs::write(&exactly, "a".repeat(8 * 1024)).unwrap();
    for path in [long.to_str().unwrap(), "/dev/zero"] {
        assert_eq!(
            start_with_token_file(path),
            (
                Some(2),
                format!(
                    "error: cannot read the token file {path}: it is longer than 8192 bytes, \
                     more than an HTTP header carries through most proxies\n"
                ),
                String::new()
            ),
            "{path}"
        );
    }
    // A token of exactly 8 KiB is read, and served.
    let server = Server::start(&["--token-file", exactly.to_str().unwrap()]);
    assert_eq!(get(&server.url("/v1/kinds")).status, 401);
    drop(server);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// One request on its own connection: the headers, a pause, then the body.
enum Fate {
    Answered,
    Refused,
    Lost(String),
}

fn one_request(address: &str, body: &[u8]) -> Fate {
    let mut stream = match TcpStream::connect(address) {
        Ok(stream) => stream,
        Err(e) if e.kind() == std::io::ErrorKind::ConnectionRefused => return Fate::Refused,
        Err(e) => return Fate::Lost(format!("connect: {e}")),
    };
    let head = format!(
        "POST /v1/validate HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    if let Err(e) = stream.write_all(head.as_bytes()) {
        return Fate::Lost(format!("write head: {e}"));
    }
    std::thread::sleep(Duration::from_millis(20));
    if let Err(e) = stream.write_all(body) {
        return Fate::Lost(format!("write body: {e}"));
    }
    let mut response = Vec::new();
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    if let Err(e) = stream.read_to_end(&mut response) {
        return Fate::Lost(format!("read: {e}"));
    }
    let text = String::from_utf8_lossy(&response);
    if status_of(&response) == Some(200)
        && text.contains("\"kind\": \"create-invoice\"")
        && text.ends_with('}')
    {
        Fate::Answered
    } else {
        Fate::Lost(format!("answer: {text}"))
    }
}

#[test]
fn sigterm_during_a_burst_loses_no_request() {
    let mut server = Server::start(&[]);
    let body =
        Arc::new(std::fs::read(root().join("tests/fixtures/valid/create-invoice.json")).unwrap());
    let answered = Arc::new(AtomicUsize::new(0));
    let signalled = Arc::new(AtomicBool::new(false));
    let clients: Vec<_> = (0..12)
        .map(|_| {
            let (address, body, answered, signalled) = (
                server.address.clone(),
                body.clone(),
                answered.clone(),
                signalled.clone(),
            );
            std::thread::spawn(move || {
                let mut lost = Vec::new();
                let mut after_signal = 0;
                loop {
                    let sent_after_signal = signalled.load(Ordering::SeqCst);
                    match one_request(&address, &body) {
                        Fate::Answered => {
                            answered.fetch_add(1, Ordering::SeqCst);
                            if sent_after_signal {
                                after_signal += 1;
                            }
                        }
                        Fate::Refused => return (lost, after_signal),
                        Fate::Lost(why) => lost.push(why),
                    }
                }
            })
        })
        .collect();
    while answered.load(Ordering::SeqCst) < 200 {
        std::thread::sleep(Duration::from_millis(5));
    }
    signalled.store(true, Ordering::SeqCst);
    server.signal("TERM");
    let mut lost = Vec::new();
    for client in clients {
        let (mut theirs, _) = client.join().unwrap();
        lost.append(&mut theirs);
    }
    let status = server.wait();
    let tail: Vec<String> = server
        .logs
        .lock()
        .unwrap()
        .iter()
        .rev()
        .take(6)
        .cloned()
        .collect();
    assert!(
        lost.is_empty(),
        "{} lost: {lost:#?}\n{status:?}\n{tail:#?}",
        lost.len()
    );
    assert!(status.success(), "{status:?}");
    // Every answered request is in the log, and the shutdown with it.
    let log = server.log();
    let requests = log.iter().filter(|l| l["event"] == "request").count();
    assert_eq!(requests, answered.load(Ordering::SeqCst));
    assert!(
        log.iter()
            .any(|l| l["event"] == "shutdown" && l["signal"] == "SIGTERM")
    );
    assert_eq!(log.last().unwrap()["event"], "stopped");
}

#[test]
fn sigint_stops_an_idle_server_with_status_0() {
    let mut server = Server::start(&[]);
    assert_eq!(get(&server.url("/readyz")).status, 200);
    server.signal("INT");
    assert!(server.wait().success());
    assert!(TcpStream::connect(&server.address).is_err());
}

#[test]
fn the_listen_address_comes_from_the_environment() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap().to_string();
    drop(listener);
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_bc-invoice-server"))
        .env("BC_INVOICE_SERVER_LISTEN", &address)
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    std::io::BufRead::read_line(
        &mut std::io::BufReader::new(child.stdout.as_mut().unwrap()),
        &mut first,
    )
    .unwrap();
    let _ = child.kill();
    let _ = child.wait();
    let line: serde_json::Value = serde_json::from_str(&first).unwrap();
    assert_eq!(line["address"], address.as_str());
}

#[test]
fn an_idle_kept_alive_connection_is_closed_after_the_header_timeout() {
    let server = Server::start(&["--header-timeout", "1"]);
    let mut stream = TcpStream::connect(&server.address).unwrap();
    stream
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        .unwrap();
    let started = Instant::now();
    let (response, closed) = read_until_closed(&mut stream, Duration::from_secs(10));
    assert_eq!(status_of(&response), Some(200));
    assert!(String::from_utf8_lossy(&response).ends_with("ok\n"));
    assert!(closed, "an idle connection stayed open");
    let waited = started.elapsed();
    assert!(
        waited >= Duration::from_millis(900) && waited < Duration::from_secs(5),
        "{waited:?}"
    );
}

/// Pipelines `count` requests for `/openapi.json` (27 kB each) on a connection that never reads: the
/// connection, and a thread writing into it.
fn never_reading(address: &str, count: usize) -> (TcpStream, std::thread::JoinHandle<()>) {
    let stream = TcpStream::connect(address).unwrap();
    let mut writer = stream.try_clone().unwrap();
    let requests = "GET /openapi.json HTTP/1.1\r\nHost: x\r\n\r\n".repeat(count);
    let thread = std::thread::spawn(move || {
        let _ = writer.write_all(requests.as_bytes());
    });
    (stream, thread)
}

#[test]
fn a_client_that_never_reads_its_responses_is_cut_off() {
    let server = Server::start(&["--write-timeout", "1"]);
    let (mut stream, writer) = never_reading(&server.address, 3000);
    // The responses (75 MB) fill the socket's buffers and the server's writes stall; others are served.
    std::thread::sleep(Duration::from_millis(500));
    assert_eq!(get(&server.url("/healthz")).status, 200);
    std::thread::sleep(Duration::from_millis(2500));
    // Past the write timeout the server has closed: what it had sent is there to read, then the end.
    let (received, closed) = read_until_closed(&mut stream, Duration::from_secs(10));
    let answers = String::from_utf8_lossy(&received)
        .matches("HTTP/1.1 200 OK")
        .count();
    assert!(
        closed,
        "the connection stayed open ({answers} answers read)"
    );
    assert!(answers < 3000, "{answers}");
    writer.join().unwrap();
}

/// A client that pipelines its requests in one write (so that none waits unread in the server's socket)
/// and then reads nothing: past the write timeout its connection is reset, and the kernel drops the
/// answers it still held. Closed in order, as before the server audit, they stayed queued in a socket
/// no process owned (`FIN-WAIT-1`, about half a megabyte) for as long as the client kept its window
/// shut, outside `--max-connections`: the client read them all, then the end.
#[test]
fn a_client_cut_off_for_not_reading_is_reset_and_its_answers_dropped() {
    let server = Server::start(&["--write-timeout", "1"]);
    let mut stream = TcpStream::connect(&server.address).unwrap();
    stream
        .write_all(
            "GET /openapi.json HTTP/1.1\r\nHost: x\r\n\r\n"
                .repeat(200)
                .as_bytes(),
        )
        .unwrap();
    std::thread::sleep(Duration::from_secs(3));
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let mut buffer = vec![0u8; 1 << 16];
    let mut received = 0;
    let end = loop {
        match stream.read(&mut buffer) {
            Ok(0) => break "closed in order",
            Ok(n) => received += n,
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => break "reset",
            Err(e) => panic!("{e} after {received} bytes"),
        }
    };
    assert_eq!(end, "reset", "{received} bytes read");
    assert_eq!(get(&server.url("/healthz")).status, 200);
}

#[test]
fn a_client_that_never_reads_does_not_hold_up_the_shutdown() {
    let mut server = Server::start(&["--write-timeout", "1", "--shutdown-timeout", "20"]);
    let (_stream, _writer) = never_reading(&server.address, 3000);
    std::thread::sleep(Duration::from_millis(500));
    let status = server.stop_within("TERM", Duration::from_secs(10));
    assert!(status.success(), "{status:?}");
    assert_eq!(server.log().last().unwrap()["event"], "stopped");
}

/// A validation whose body never comes: its headers and one byte of a 1,000-byte body.
fn request_in_flight(address: &str) -> TcpStream {
    let mut stream = TcpStream::connect(address).unwrap();
    stream
        .write_all(b"POST /v1/validate HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n{")
        .unwrap();
    stream
}

/// Each log line's event and status.
fn events_and_statuses(server: &Server) -> Vec<(String, Option<u64>)> {
    server
        .log()
        .iter()
        .map(|line| {
            (
                line["event"].as_str().unwrap().to_owned(),
                line["status"].as_u64(),
            )
        })
        .collect()
}

/// A request still in flight at `--shutdown-timeout` is given up on (status 1), and logged as one whose
/// client closed it (499), before the last line says the server stopped with requests in flight. It had
/// no line at all: the runtime dropped it after the log's last line was flushed.
#[test]
fn a_request_given_up_at_the_shutdown_timeout_is_logged() {
    let mut server = Server::start(&["--shutdown-timeout", "0.3"]);
    let _stream = request_in_flight(&server.address);
    std::thread::sleep(Duration::from_millis(100));
    server.signal("TERM");
    let status = server.wait();
    assert_eq!(status.code(), Some(1));
    let events = events_and_statuses(&server);
    assert_eq!(
        events,
        [
            ("listening".to_owned(), None),
            ("shutdown".to_owned(), None),
            ("request".to_owned(), Some(499)),
            ("stoppedWithRequestsInFlight".to_owned(), None),
        ]
    );
}

/// A log written to a file that reaches the file size limit (`ulimit -f`) costs its lines, counted as
/// dropped, not the service: SIGXFSZ killed the server at the first line past the limit, and with it every
/// request in flight and every one after (connections refused).
#[cfg(target_os = "linux")]
#[test]
fn a_log_file_past_the_file_size_limit_costs_lines_not_the_service() {
    let dir = tempfile_dir("log-limit");
    let log = dir.join("log");
    // 2 blocks: 1 KiB in dash's 512-byte blocks, 2 KiB in bash's; a line is about 150 bytes.
    let mut child = std::process::Command::new("sh")
        .args([
            "-c",
            "ulimit -f 2 && exec \"$0\" --listen 127.0.0.1:0 > \"$LOG\"",
            env!("CARGO_BIN_EXE_bc-invoice-server"),
        ])
        .env("LOG", &log)
        .stdin(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    let address = loop {
        let text = std::fs::read_to_string(&log).unwrap_or_default();
        if let Some(line) = text.lines().next().filter(|_| text.contains('\n')) {
            let line: serde_json::Value = serde_json::from_str(line).unwrap();
            break line["address"].as_str().unwrap().to_owned();
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "no listening line"
        );
        std::thread::sleep(Duration::from_millis(10));
    };
    let url = |path: &str| format!("http://{address}{path}");
    for i in 0..60 {
        assert_eq!(get(&url("/healthz")).status, 200, "request {i}");
        if i % 10 == 9 {
            // The log's writer rests 5 ms between writes: let it write, and meet the limit, meanwhile.
            std::thread::sleep(Duration::from_millis(20));
        }
    }
    let metrics = get(&url("/metrics")).body;
    let dropped = log_lines_dropped(&metrics);
    assert!(dropped > 0, "{metrics}");
    assert!(child.try_wait().unwrap().is_none(), "the server died");
    let status = std::process::Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(started.elapsed() < Duration::from_secs(30), "no exit");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(status.code(), Some(0));
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A log whose standard output comes non-blocking (the flag is the pipe's open file, which a parent or a
/// log collector may set) and whose reader is slow loses no line and cuts none: each of 200 requests has
/// its line, whole. The server's writes failed with `EAGAIN` once the pipe was full: the lines of the
/// batch were lost, uncounted, one of them cut in the middle.
#[cfg(target_os = "linux")]
#[test]
fn a_non_blocking_log_is_waited_for() {
    use std::io::BufRead;
    let (reader, writer) = std::io::pipe().unwrap();
    rustix::pipe::fcntl_setpipe_size(&writer, 4096).unwrap();
    rustix::fs::fcntl_setfl(&writer, rustix::fs::OFlags::NONBLOCK).unwrap();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_bc-invoice-server"))
        .args(["--listen", "127.0.0.1:0"])
        .stdin(std::process::Stdio::null())
        .stdout(writer)
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut reader = std::io::BufReader::new(reader);
    let mut first = String::new();
    reader.read_line(&mut first).unwrap();
    let line: serde_json::Value = serde_json::from_str(&first).unwrap();
    let address = line["address"].as_str().unwrap().to_owned();
    let url = format!("http://{address}/healthz");
    for i in 0..200 {
        assert_eq!(get(&url).status, 200, "request {i}");
    }
    // The log's reader comes back only now; then the server stops.
    std::thread::sleep(Duration::from_millis(100));
    let status = std::process::Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let mut rest = String::new();
    reader.read_to_string(&mut rest).unwrap();
    assert_eq!(child.wait().unwrap().code(), Some(0));
    let events: Vec<String> = rest
        .lines()
        .map(|line| {
            let line: serde_json::Value = serde_json::from_str(line).expect("a whole JSON line");
            line["event"].as_str().unwrap().to_owned()
        })
        .collect();
    assert_eq!(
        events.iter().filter(|event| *event == "request").count(),
        200
    );
    assert_eq!(events.last().map(String::as_str), Some("stopped"));
}

/// A fresh directory for one test's files.
fn tempfile_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("bc-invoice-server-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn a_log_nobody_reads_stalls_no_request_and_no_shutdown() {
    // Each request's line is about 200 bytes: the pipe (64 KiB) and the queue (4,096 lines) are full
    // long before the last of these.
    let mut server = Server::start_unread(&[]);
    let agent = common::client();
    for i in 0..6000 {
        let response = agent.get(&server.url("/healthz")).call().unwrap();
        assert_eq!(response.status(), 200, "request {i}");
    }
    let metrics = get(&server.url("/metrics")).body;
    let dropped = log_lines_dropped(&metrics);
    assert!(dropped > 1000, "{dropped}");
    assert!(
        server
            .stop_within("TERM", Duration::from_secs(10))
            .success()
    );
}

#[test]
fn the_drain_keeps_serving_with_readyz_at_503_then_closes() {
    let mut server = Server::start(&["--drain", "2"]);
    assert_eq!(get(&server.url("/readyz")).status, 200);
    server.signal("TERM");
    std::thread::sleep(Duration::from_millis(300));
    let ready = get(&server.url("/readyz"));
    assert_eq!(
        (ready.status, ready.body.as_str()),
        (503, "shutting down\n")
    );
    assert_eq!(post(&server.url("/v1/validate"), b"{}").status, 200);
    assert!(server.wait().success());
    assert!(TcpStream::connect(&server.address).is_err());
}

/// What hyper answers before any route sees a request (a request line it cannot parse, a head too large)
/// and a connection on which no request comes in time are logged and counted by their reason, with none
/// of the client's bytes (the server audit: they left no trace).
#[test]
fn requests_refused_before_any_route_are_logged_and_counted() {
    let server = Server::start(&["--header-timeout", "1"]);
    let exchange = |bytes: &[u8]| {
        let mut stream = TcpStream::connect(&server.address).unwrap();
        let _ = stream.write_all(bytes);
        let (response, _) = read_until_closed(&mut stream, Duration::from_secs(10));
        status_of(&response)
    };
    assert_eq!(exchange(b"GARBAGE\x1b[31m\r\n\r\n"), Some(400));
    let mut large = b"GET / HTTP/1.1\r\nHost: x\r\nX-Large: ".to_vec();
    large.extend(std::iter::repeat_n(b'a', 1 << 20));
    large.extend(b"\r\n\r\n");
    assert_eq!(exchange(&large), Some(431));
    // Connected, and nothing sent: closed at the header timeout.
    assert_eq!(exchange(b""), None);
    let metrics = get(&server.url("/metrics")).body;
    for reason in ["malformed", "tooLarge", "headerTimeout"] {
        assert!(
            metrics.contains(&format!(
                "bc_invoice_http_rejected_total{{reason=\"{reason}\"}} 1\n"
            )),
            "{reason}: {metrics}"
        );
    }
    let rejected: Vec<String> = server
        .log()
        .iter()
        .filter(|line| line["event"] == "rejected")
        .map(|line| line.to_string())
        .collect();
    assert_eq!(rejected.len(), 3, "{rejected:?}");
    for line in &rejected {
        assert!(
            !line.contains("GARBAGE") && !line.contains("aaaa"),
            "{line}"
        );
    }
}

/// A second signal ends the drain at once: the operator's way out of a long one (the server audit: it
/// was ignored, and the server served on to the drain's end).
#[test]
fn a_second_signal_ends_the_drain() {
    let mut server = Server::start(&["--drain", "60"]);
    server.signal("TERM");
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(get(&server.url("/readyz")).status, 503);
    assert!(server.stop_within("INT", Duration::from_secs(10)).success());
    let events: Vec<String> = server
        .log()
        .iter()
        .map(|line| line["event"].as_str().unwrap().to_owned())
        .filter(|event| event != "request")
        .collect();
    assert_eq!(events, ["listening", "shutdown", "drainEnded", "stopped"]);
}

/// A second signal while a request is in flight gives up on it at once, as the shutdown timeout would:
/// the request is logged as `499` and the server stops with status 1.
#[test]
fn a_second_signal_gives_up_on_requests_in_flight() {
    let mut server = Server::start(&["--shutdown-timeout", "60"]);
    let _stream = request_in_flight(&server.address);
    std::thread::sleep(Duration::from_millis(200));
    server.signal("TERM");
    std::thread::sleep(Duration::from_millis(500));
    let status = server.stop_within("TERM", Duration::from_secs(10));
    assert_eq!(status.code(), Some(1));
    let events = events_and_statuses(&server);
    let names: Vec<&str> = events.iter().map(|(event, _)| event.as_str()).collect();
    assert_eq!(
        names,
        [
            "listening",
            "shutdown",
            "waitEnded",
            "request",
            "stoppedWithRequestsInFlight"
        ],
        "{events:?}"
    );
    assert_eq!(events[3].1, Some(499));
}

/// Connections are limited: at `--max-connections`, the next connection waits in the listener's backlog,
/// unanswered, until one of those served closes; then it is served. Each connection may hold reports its
/// client has not read (the red team's 500 connections that read nothing held about 119 MB until the write
/// timeout), so their number is what bounds that memory. Without the limit the third client is answered
/// at once.
#[test]
fn a_connection_past_the_limit_waits_until_one_closes() {
    let server = Server::start(&["--max-connections", "2", "--header-timeout", "60"]);
    let idle: Vec<TcpStream> = (0..2)
        .map(|_| TcpStream::connect(&server.address).unwrap())
        .collect();
    // The backlog is first in, first out: the server takes the two idle ones, then has no slot left.
    let mut third = TcpStream::connect(&server.address).unwrap();
    write!(
        third,
        "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let (waiting, closed) = read_until_closed(&mut third, Duration::from_millis(700));
    assert_eq!(
        (waiting.as_slice(), closed),
        (&b""[..], false),
        "answered past the limit: {}",
        String::from_utf8_lossy(&waiting)
    );
    drop(idle);
    let (answer, closed) = read_until_closed(&mut third, Duration::from_secs(10));
    assert_eq!(
        status_of(&answer),
        Some(200),
        "{}",
        String::from_utf8_lossy(&answer)
    );
    assert!(closed);
    // The limit stays: a new connection is served once the third has closed.
    assert_eq!(get(&server.url("/healthz")).status, 200);
    let started = &server.log()[0];
    assert_eq!(started["maxConnections"], 2);
}

/// What clients that ask and never read can hold is bounded by the connection limit: 100 clients each
/// pipeline ten checks of a 16 kB document whose report is about 180 kB, and read nothing. With
/// `--max-connections 4` the server's peak grew by about 2 MiB; with a limit of 1,000 (none, as before it
/// was added), every client is served and its answers held: about 25 MiB.
#[test]
fn clients_that_do_not_read_hold_memory_only_up_to_the_connection_limit() {
    const PIPELINED: usize = 10;
    let server = Server::start(&["--max-connections", "4", "--write-timeout", "60"]);
    let mut document = serde_json::from_slice::<serde_json::Value>(
        &std::fs::read(root().join("tests/fixtures/valid/confirm-invoice.accept.json")).unwrap(),
    )
    .unwrap();
    let inner = document["invoiceConfirmation"].as_object_mut().unwrap();
    for i in 0..1200 {
        inner.insert(format!("u{i}"), i.into());
    }
    let body = serde_json::to_vec(&document).unwrap();
    let mut request = Vec::new();
    for _ in 0..PIPELINED {
        write!(
            request,
            "POST /v1/validate HTTP/1.1\r\nHost: x\r\nContent-Length: {}\r\n\r\n",
            body.len()
        )
        .unwrap();
        request.extend_from_slice(&body);
    }
    // One report, to know its size.
    let report = post(&server.url("/v1/validate"), &body);
    assert!(report.body.len() > 150_000, "{} bytes", report.body.len());
    let before = server.peak_kib();
    let clients: Vec<TcpStream> = (0..100)
        .map(|_| {
            let mut stream = TcpStream::connect(&server.address).unwrap();
            stream
                .set_write_timeout(Some(Duration::from_secs(5)))
                .unwrap();
            write_some(&mut stream, &request);
            stream
        })
        .collect();
    // Time for the served ones to be answered into their buffers.
    std::thread::sleep(Duration::from_secs(2));
    let grown = server.peak_kib().saturating_sub(before);
    assert!(grown < 12 * 1024, "the peak grew by {grown} KiB");
    drop(clients);
}

/// `bc_invoice_log_lines_dropped_total` in a `/metrics` body.
fn log_lines_dropped(metrics: &str) -> u64 {
    metrics
        .lines()
        .find_map(|line| line.strip_prefix("bc_invoice_log_lines_dropped_total "))
        .unwrap_or_else(|| panic!("no dropped log lines counter in {metrics}"))
        .parse()
        .unwrap()
}
