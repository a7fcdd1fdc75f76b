//! Starting the built `bc-invoice-server` on an ephemeral port, and talking to it.

#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The repository's root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A running server, killed when dropped unless it was stopped.
pub struct Server {
    pub child: Child,
    pub address: String,
    pub logs: Arc<Mutex<Vec<String>>>,
    reader: Option<std::thread::JoinHandle<()>>,
    /// The log's pipe, kept open and never read past the first line (see [`Server::start_unread`]).
    unread: Option<BufReader<std::process::ChildStdout>>,
}

impl Server {
    /// Starts the built binary with these arguments on 127.0.0.1, port 0, and waits for its
    /// `listening` log line; a thread reads the rest of the log into [`Server::logs`].
    pub fn start(args: &[&str]) -> Server {
        let mut server = Server::start_unread(args);
        let stdout = server.unread.take().unwrap();
        let sink = server.logs.clone();
        server.reader = Some(std::thread::spawn(move || {
            for line in stdout.lines() {
                let Ok(line) = line else { break };
                sink.lock().unwrap().push(line);
            }
        }));
        server
    }

    /// As [`Server::start`], but its log is never read past the `listening` line: a log collector that
    /// has stopped reading, its pipe open and soon full.
    pub fn start_unread(args: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_bc-invoice-server"))
            .args(["--listen", "127.0.0.1:0"])
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("the server starts");
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let mut first = String::new();
        stdout.read_line(&mut first).unwrap();
        let line: serde_json::Value = serde_json::from_str(&first).expect("a JSON log line");
        assert_eq!(line["event"], "listening", "{first}");
        let address = line["address"].as_str().unwrap().to_owned();
        Server {
            child,
            address,
            logs: Arc::new(Mutex::new(vec![first])),
            reader: None,
            unread: Some(stdout),
        }
    }

    /// `http://ADDRESS` followed by `path`.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.address)
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Sends a signal with `kill`.
    pub fn signal(&self, name: &str) {
        let status = Command::new("kill")
            .args([&format!("-{name}"), &self.pid().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
    }

    /// Sends the signal `name`, waits for the process to exit, and asserts it did within `limit`.
    pub fn stop_within(&mut self, name: &str, limit: Duration) -> ExitStatus {
        let started = Instant::now();
        self.signal(name);
        let status = self.wait();
        assert!(started.elapsed() < limit, "{:?}", started.elapsed());
        status
    }

    /// Waits for the process to exit (at most 30 s) and for its log to be read to the end.
    pub fn wait(&mut self) -> ExitStatus {
        let started = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                if let Some(reader) = self.reader.take() {
                    reader.join().unwrap();
                }
                return status;
            }
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "the server did not stop"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Every log line so far, parsed.
    pub fn log(&self) -> Vec<serde_json::Value> {
        self.logs
            .lock()
            .unwrap()
            .iter()
            .map(|line| serde_json::from_str(line).expect("every log line is JSON"))
            .collect()
    }

    /// The process's peak resident memory (VmHWM), in KiB.
    pub fn peak_kib(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.pid())).unwrap();
        status
            .lines()
            .find_map(|line| line.strip_prefix("VmHWM:"))
            .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
            .unwrap()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An HTTP client that hands back every status rather than failing on 4xx and 5xx.
pub fn client() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(30)))
        .build()
        .into()
}

/// A response's status, headers we look at, and body.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub content_type: String,
    pub headers: ureq::http::HeaderMap,
    pub body: String,
}

impl Answer {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.body))
    }
}

fn answer(response: ureq::http::Response<ureq::Body>) -> Answer {
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let content_type = headers
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    let body = response.into_body().read_to_string().unwrap();
    Answer {
        status,
        content_type,
        headers,
        body,
    }
}

pub fn get(url: &str) -> Answer {
    answer(client().get(url).call().unwrap())
}

pub fn post(url: &str, body: &[u8]) -> Answer {
    answer(
        client()
            .post(url)
            .header("content-type", "application/json")
            .send(body)
            .unwrap(),
    )
}

pub fn post_with(url: &str, headers: &[(&str, &str)], body: &[u8]) -> Answer {
    let mut request = client().post(url);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    answer(request.send(body).unwrap())
}

/// Reads what the server sends until it closes the connection or `limit` passes.
pub fn read_until_closed(stream: &mut TcpStream, limit: Duration) -> (Vec<u8>, bool) {
    stream.set_read_timeout(Some(limit)).unwrap();
    let mut received = Vec::new();
    let mut buffer = [0u8; 4096];
    loop {
        match stream.read(&mut buffer) {
            Ok(0) => return (received, true),
            Ok(n) => received.extend_from_slice(&buffer[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => return (received, true),
            Err(_) => return (received, false),
        }
    }
}

/// Writes, ignoring a connection the server already closed.
pub fn write_some(stream: &mut TcpStream, bytes: &[u8]) -> bool {
    stream.write_all(bytes).is_ok()
}
