//! A throwaway PostgreSQL server for tests (core, CLI and benchmarks).
//!
//! [`TestServer::shared`] is one server per test process: the one `NEWSROOM_TEST_PG` names
//! (the test script starts one cluster for the whole run, `scripts/lib/pg.sh`), else a
//! cluster started here in a temporary folder and stopped when the process exits. Each test
//! works in its own schema ([`TestServer::fresh_url`]), so tests never see each other's
//! tables. [`Cluster`] starts further clusters (one that asks for a password, say).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};

use super::{connect, ServerUrl};

/// The user the test clusters are created with.
pub const TEST_USER: &str = "newsroom";

/// The server the tests of this process share.
pub struct TestServer {
    base: String,
}

static SHARED: OnceLock<TestServer> = OnceLock::new();
/// The shared cluster, stopped at process exit.
static AT_EXIT: Mutex<Option<Cluster>> = Mutex::new(None);
static COUNTER: AtomicUsize = AtomicUsize::new(0);

impl TestServer {
    /// The server of this process: `NEWSROOM_TEST_PG`'s, else one started on first use.
    pub fn shared() -> &'static TestServer {
        SHARED.get_or_init(|| {
            if let Some(base) = std::env::var("NEWSROOM_TEST_PG")
                .ok()
                .filter(|u| !u.is_empty())
            {
                return TestServer { base };
            }
            let cluster = Cluster::start(None);
            let base = cluster.url();
            *AT_EXIT.lock().unwrap_or_else(|e| e.into_inner()) = Some(cluster);
            stop_at_exit();
            TestServer { base }
        })
    }

    /// The server's address, without a schema.
    pub fn base_url(&self) -> &str {
        &self.base
    }

    /// An address whose connections work in `schema` (created here if it is not there yet):
    /// `options=-c search_path=<schema>`. `schema` is lower-case letters, digits and `_`.
    pub fn url(&self, schema: &str) -> String {
        assert!(
            !schema.is_empty()
                && schema
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
                && !schema.as_bytes()[0].is_ascii_digit(),
            "test schema names are lower-case letters, digits and _: {schema:?}"
        );
        let base = ServerUrl::parse(&self.base)
            .unwrap_or_else(|e| panic!("the test server's address {:?}: {e}", self.base));
        let mut client = connect(&base).unwrap_or_else(|e| {
            panic!("cannot connect to the test server {}: {e}", base.display())
        });
        client
            .batch_execute(&format!("CREATE SCHEMA IF NOT EXISTS {schema}"))
            .unwrap_or_else(|e| panic!("cannot create the test schema {schema}: {e}"));
        let sep = if self.base.contains('?') { '&' } else { '?' };
        format!("{}{sep}options=-c%20search_path%3D{schema}", self.base)
    }

    /// [`TestServer::url`] for a schema no other test (of any process) uses.
    pub fn fresh_url(&self) -> String {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        self.url(&format!("t{}_{n}", std::process::id()))
    }
}

/// A PostgreSQL cluster in a temporary folder, listening on 127.0.0.1 and a free port; stopped
/// and removed when dropped.
pub struct Cluster {
    bin: PathBuf,
    dir: PathBuf,
    port: u16,
    as_postgres: bool,
    stopped: bool,
    tls: bool,
    /// Commits reach the disk before they return (PostgreSQL's defaults), so a cluster stopped
    /// at once (`pause`) keeps them; test clusters otherwise skip that for speed.
    durable: bool,
}

impl Cluster {
    /// Creates and starts a cluster whose superuser is [`TEST_USER`]. Without a password
    /// every login is trusted; with one, the server asks for it (`scram-sha-256`).
    pub fn start(password: Option<&str>) -> Cluster {
        Cluster::start_with(password, false, false)
    }

    /// A trusting cluster with PostgreSQL's durable defaults: for tests that stop it as a
    /// crash would and expect every commit back.
    pub fn start_durable() -> Cluster {
        Cluster::start_with(None, false, true)
    }

    /// A cluster that also speaks TLS, with a certificate for the host name `localhost`
    /// signed by a test CA of its own ([`Cluster::ca_file`]). Needs the `openssl` command.
    pub fn start_tls() -> Cluster {
        Cluster::start_with(None, true, false)
    }

    fn start_with(password: Option<&str>, tls: bool, durable: bool) -> Cluster {
        let bin = bindir();
        let as_postgres = is_root();
        let dir = make_dir(as_postgres);
        let mut cluster = Cluster {
            bin,
            dir,
            port: 0,
            as_postgres,
            stopped: true,
            tls,
            durable,
        };
        if tls {
            cluster.make_certificates();
        }
        cluster.init(password);
        cluster.launch();
        cluster
    }

    /// The test CA's certificate (PEM), for `sslrootcert`.
    pub fn ca_file(&self) -> PathBuf {
        self.dir.join("ca.crt")
    }

    fn make_certificates(&self) {
        let dir = &self.dir;
        std::fs::write(dir.join("san.ext"), "subjectAltName=DNS:localhost\n")
            .expect("write the certificate extensions");
        let steps: [&[&str]; 3] = [
            &[
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-days",
                "2",
                "-subj",
                "/CN=Newsroom test CA",
                "-keyout",
                "ca.key",
                "-out",
                "ca.crt",
            ],
            &[
                "req",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-subj",
                "/CN=localhost",
                "-keyout",
                "server.key",
                "-out",
                "server.csr",
            ],
            &[
                "x509",
                "-req",
                "-in",
                "server.csr",
                "-CA",
                "ca.crt",
                "-CAkey",
                "ca.key",
                "-CAcreateserial",
                "-days",
                "2",
                "-extfile",
                "san.ext",
                "-out",
                "server.crt",
            ],
        ];
        for args in steps {
            let out = Command::new("openssl")
                .args(args)
                .current_dir(dir)
                .output()
                .expect("the openssl command (package openssl)");
            assert!(
                out.status.success(),
                "openssl failed:\n{}",
                output_text(&out)
            );
        }
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(
            dir.join("server.key"),
            std::fs::Permissions::from_mode(0o600),
        )
        .expect("restrict the server key");
    }

    /// `postgres://newsroom@127.0.0.1:PORT/postgres`.
    pub fn url(&self) -> String {
        format!("postgres://{TEST_USER}@127.0.0.1:{}/postgres", self.port)
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// The folder of the cluster (its data, log and socket).
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn init(&self, password: Option<&str>) {
        let data = self.dir.join("data");
        let mut args = vec![
            "-D".to_string(),
            data.display().to_string(),
            "-U".into(),
            TEST_USER.into(),
            "--no-sync".into(),
            "-E".into(),
            "UTF8".into(),
            "--locale=C.UTF-8".into(),
        ];
        let pwfile = self.dir.join("pwfile");
        match password {
            None => args.extend(["-A".into(), "trust".into()]),
            Some(p) => {
                std::fs::write(&pwfile, format!("{p}\n")).expect("write the password file");
                args.extend([
                    "-A".into(),
                    "scram-sha-256".into(),
                    format!("--pwfile={}", pwfile.display()),
                ]);
            }
        }
        self.hand_to_postgres();
        let out = self.run("initdb", &args);
        let _ = std::fs::remove_file(&pwfile);
        if !out.status.success() {
            panic!("initdb failed:\n{}", output_text(&out));
        }
    }

    fn launch(&mut self) {
        for _ in 0..5 {
            let port = free_port();
            match self.start_on(port) {
                Ok(()) => return,
                Err(server_log)
                    if server_log.contains("could not bind") || server_log.contains("in use") =>
                {
                    continue
                }
                Err(e) => panic!("the test PostgreSQL server did not start:\n{e}"),
            }
        }
        panic!("the test PostgreSQL server found no free port");
    }

    /// Starts the server on `port`; the server's log when it did not start.
    fn start_on(&mut self, port: u16) -> Result<(), String> {
        let data = self.dir.join("data").display().to_string();
        let log = self.dir.join("log").display().to_string();
        let mut opts = format!(
            "-p {port} -k {} -c listen_addresses=127.0.0.1",
            self.dir.display()
        );
        if !self.durable {
            opts.push_str(" -c fsync=off -c full_page_writes=off -c synchronous_commit=off");
        }
        if self.tls {
            opts.push_str(&format!(
                " -c ssl=on -c ssl_cert_file={0}/server.crt -c ssl_key_file={0}/server.key",
                self.dir.display()
            ));
        }
        let out = self.run(
            "pg_ctl",
            &[
                "-D", &data, "-l", &log, "-o", &opts, "-w", "-t", "60", "start",
            ]
            .map(String::from),
        );
        if out.status.success() {
            self.port = port;
            self.stopped = false;
            return Ok(());
        }
        Err(format!(
            "{}\n{}",
            output_text(&out),
            std::fs::read_to_string(&log).unwrap_or_default()
        ))
    }

    /// Stops the server at once, as a crash or a pulled cable would, keeping its data.
    pub fn pause(&mut self) {
        if !self.stopped {
            self.stopped = true;
            let data = self.dir.join("data").display().to_string();
            let _ = self.run(
                "pg_ctl",
                &["-D", &data, "-m", "immediate", "-w", "stop"].map(String::from),
            );
        }
    }

    /// Starts a paused server again, on the port it had.
    pub fn resume(&mut self) {
        let port = self.port;
        if let Err(e) = self.start_on(port) {
            panic!("the test PostgreSQL server did not start again on port {port}:\n{e}");
        }
    }

    /// Stops the server at once and removes its folder.
    pub fn stop(&mut self) {
        if !self.stopped {
            self.stopped = true;
            let data = self.dir.join("data").display().to_string();
            let _ = self.run(
                "pg_ctl",
                &["-D", &data, "-m", "immediate", "-w", "stop"].map(String::from),
            );
        }
        let _ = std::fs::remove_dir_all(&self.dir);
    }

    /// As root, the server runs as `postgres` (initdb refuses root): its folder is theirs.
    fn hand_to_postgres(&self) {
        if self.as_postgres {
            let ok = Command::new("chown")
                .args(["-R", "postgres:postgres"])
                .arg(&self.dir)
                .status()
                .is_ok_and(|s| s.success());
            assert!(
                ok,
                "cannot hand {} to the user postgres",
                self.dir.display()
            );
        }
    }

    fn run(&self, program: &str, args: &[String]) -> Output {
        let exe = self.bin.join(program);
        let mut cmd = if self.as_postgres {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(&exe);
            c
        } else {
            Command::new(&exe)
        };
        cmd.args(args)
            .current_dir(&self.dir)
            .env_remove("PGDATA")
            .output()
            .unwrap_or_else(|e| panic!("cannot run {}: {e}", exe.display()))
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        self.stop();
    }
}

fn output_text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// The PostgreSQL programs: the newest `/usr/lib/postgresql/<N>/bin` (15 or later), else
/// `pg_config --bindir`.
fn bindir() -> PathBuf {
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let v = e.file_name().to_str()?.parse::<u32>().ok()?;
            let bin = e.path().join("bin");
            (v >= 15 && bin.join("initdb").is_file()).then_some((v, bin))
        })
        .collect();
    versions.sort();
    if let Some((_, bin)) = versions.pop() {
        return bin;
    }
    let from_pg_config = Command::new("pg_config")
        .arg("--bindir")
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| PathBuf::from(String::from_utf8_lossy(&o.stdout).trim()))
        .filter(|b| b.join("initdb").is_file() && b.join("pg_ctl").is_file());
    from_pg_config.unwrap_or_else(|| {
        panic!(
            "PostgreSQL (15 or later) is not installed: the server tests start a throwaway \
             cluster with its programs (initdb, pg_ctl). Install Debian's `postgresql` package \
             (apt-get install postgresql), or set NEWSROOM_TEST_PG to a server's URL."
        )
    })
}

/// A new folder for a cluster, private to whoever runs the server.
fn make_dir(as_postgres: bool) -> PathBuf {
    // The user postgres cannot enter root's own temporary folder, but always /tmp.
    let parent = if as_postgres {
        PathBuf::from("/tmp")
    } else {
        std::env::temp_dir()
    };
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    for attempt in 0..100 {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let dir = parent.join(format!(
            "newsroom-pg-{}-{n}-{nanos:x}{attempt}",
            std::process::id()
        ));
        let mut builder = std::fs::DirBuilder::new();
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
        if builder.create(&dir).is_ok() {
            return dir;
        }
    }
    panic!(
        "cannot make a folder for the test cluster in {}",
        parent.display()
    );
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("find a free port on 127.0.0.1")
}

#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() == 0 }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn is_root() -> bool {
    false
}

/// Registers stopping the shared cluster when the process exits (the test harness ends
/// through `exit`, which runs these handlers).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn stop_at_exit() {
    extern "C" fn stop_shared() {
        let cluster = AT_EXIT.lock().ok().and_then(|mut c| c.take());
        drop(cluster);
    }
    // SAFETY: registers a plain function without arguments; it runs once, at exit.
    unsafe {
        libc::atexit(stop_shared);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn stop_at_exit() {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemas_are_checked_before_they_reach_sql() {
        let server = TestServer {
            base: "postgres://u@127.0.0.1:1/db".into(),
        };
        for bad in ["", "Upper", "a-b", "x; drop", "1x"] {
            let r = std::panic::catch_unwind(|| server.url(bad));
            assert!(r.is_err(), "{bad:?}");
        }
    }
}
