//! A throwaway PostgreSQL 15 cluster for one test binary: `initdb` into a temporary folder,
//! started on a free port of 127.0.0.1 without fsync, stopped and deleted on drop. Included
//! with `#[path]`.
//!
//! The tests run as root, and PostgreSQL refuses to run as root: the cluster belongs to the
//! `postgres` user (`runuser`). Each test gets a database of its own ([`Cluster::database`]).

#![allow(dead_code)]

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

const BIN: &str = "/usr/lib/postgresql/15/bin";

pub struct Cluster {
    dir: tempfile::TempDir,
    port: u16,
    next_db: AtomicUsize,
}

fn run_as_postgres(args: &[&str]) {
    let out = Command::new("runuser")
        .args(["-u", "postgres", "--"])
        .args(args)
        .output()
        .expect("runuser runs (the PostgreSQL tests need it and a postgres user)");
    assert!(
        out.status.success(),
        "{args:?} failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

fn chown_postgres(path: &Path) {
    let ok = Command::new("chown")
        .args(["-R", "postgres:postgres"])
        .arg(path)
        .status()
        .unwrap()
        .success();
    assert!(ok, "chown {} to postgres", path.display());
}

impl Cluster {
    /// Creates and starts a cluster.
    pub fn start() -> Cluster {
        let dir = tempfile::tempdir().unwrap();
        chown_postgres(dir.path());
        let data = dir.path().join("data");
        let data_s = data.to_str().unwrap();
        run_as_postgres(&[
            &format!("{BIN}/initdb"),
            "-D",
            data_s,
            "-A",
            "trust",
            "-U",
            "postgres",
            "-E",
            "UTF8",
            "--no-sync",
        ]);
        // Another process could take the port between here and the start: retry a few times.
        for attempt in 0.. {
            let port = TcpListener::bind("127.0.0.1:0")
                .unwrap()
                .local_addr()
                .unwrap()
                .port();
            let opts = format!(
                "-p {port} -k {} -c listen_addresses=127.0.0.1 -c fsync=off",
                dir.path().display()
            );
            let log = dir.path().join("log");
            let status = Command::new("runuser")
                .args([
                    "-u",
                    "postgres",
                    "--",
                    &format!("{BIN}/pg_ctl"),
                    "-D",
                    data_s,
                ])
                .args(["-o", &opts, "-l", log.to_str().unwrap(), "-w", "start"])
                .output()
                .unwrap();
            if status.status.success() {
                return Cluster {
                    dir,
                    port,
                    next_db: AtomicUsize::new(0),
                };
            }
            assert!(
                attempt < 3,
                "pg_ctl start failed: {}\n{}",
                String::from_utf8_lossy(&status.stderr),
                std::fs::read_to_string(&log).unwrap_or_default()
            );
        }
        unreachable!()
    }

    /// The connection string of database `db`.
    pub fn url(&self, db: &str) -> String {
        format!(
            "host=127.0.0.1 port={} user=postgres dbname={db}",
            self.port
        )
    }

    pub fn connect(&self, db: &str) -> postgres::Client {
        postgres::Client::connect(&self.url(db), postgres::NoTls).unwrap()
    }

    /// A new, empty database: its name.
    pub fn database(&self) -> String {
        let name = format!("t{}", self.next_db.fetch_add(1, Ordering::Relaxed));
        self.connect("postgres")
            .batch_execute(&format!("CREATE DATABASE {name}"))
            .unwrap();
        name
    }

    pub fn data_dir(&self) -> PathBuf {
        self.dir.path().join("data")
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let _ = Command::new("runuser")
            .args(["-u", "postgres", "--", &format!("{BIN}/pg_ctl")])
            .arg("-D")
            .arg(self.data_dir())
            .args(["-m", "immediate", "-w", "stop"])
            .output();
    }
}
