//! Killing a writer at a moment that is not its own choosing, and knowing what it was doing.
//!
//! The child is first stopped (SIGSTOP), so that it is frozen while we look at the locks SQLite
//! holds on its behalf, then killed with SIGKILL, which it cannot catch: no destructor, no
//! rollback, no close, exactly as a crash or `kill -9`. SQLite's unix VFS takes POSIX byte-range
//! locks that F_GETLK shows to another process:
//!
//! * in WAL mode a writer holds byte 120 of the `-shm` file (WAL_WRITE_LOCK) from its first write
//!   until its commit or rollback is done: a child stopped holding it is mid-transaction;
//! * a checkpoint (copying the log into the database file) holds byte 121 (WAL_CKPT_LOCK), or,
//!   when the last connection closes, an exclusive lock on the database file itself.

use std::fs::File;
use std::os::fd::AsRawFd;
use std::path::Path;
use std::process::Child;

use nix::fcntl::{FcntlArg, fcntl};
use nix::libc;
use nix::sys::signal::{Signal, kill};
use nix::sys::wait::{WaitPidFlag, WaitStatus, waitpid};
use nix::unistd::Pid;

/// What the child was doing when it was stopped.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Moment {
    /// Starting, reading, or between transactions.
    #[default]
    Outside,
    /// Inside a write transaction (it held the WAL write lock).
    MidTransaction,
    /// Copying the log into the database file.
    Checkpoint,
}

/// How the child ended.
pub enum Ending {
    Killed(Moment),
    /// It had exited on its own just before, with this code.
    Exited(i32),
}

/// Stops `child`, looks at the locks it holds on `db`, kills it and reaps it.
pub fn stop_and_kill(child: &mut Child, db: &Path) -> Result<Ending, String> {
    let pid = Pid::from_raw(i32::try_from(child.id()).map_err(|e| e.to_string())?);
    kill(pid, Signal::SIGSTOP).map_err(|e| format!("SIGSTOP: {e}"))?;
    match waitpid(pid, Some(WaitPidFlag::WUNTRACED)).map_err(|e| format!("waitpid: {e}"))? {
        WaitStatus::Stopped(..) => {
            let moment = moment(db, pid)?;
            kill(pid, Signal::SIGKILL).map_err(|e| format!("SIGKILL: {e}"))?;
            let status = child.wait().map_err(|e| format!("wait: {e}"))?;
            if status.code().is_some() {
                return Err(format!("the child survived SIGKILL: {status}"));
            }
            Ok(Ending::Killed(moment))
        }
        WaitStatus::Exited(_, code) => Ok(Ending::Exited(code)),
        other => Err(format!("the child ended unexpectedly: {other:?}")),
    }
}

/// The WAL lock bytes (SQLite's `UNIX_SHM_BASE` plus the lock's index).
const WAL_WRITE_LOCK: i64 = 120;
const WAL_CKPT_LOCK: i64 = 121;
/// The database file's shared-lock range (`PENDING_BYTE + 2`, 510 bytes): an exclusive lock on
/// it is a write lock there.
const SHARED_FIRST: i64 = 0x4000_0002;
const SHARED_SIZE: i64 = 510;

fn moment(db: &Path, pid: Pid) -> Result<Moment, String> {
    let mut shm = db.as_os_str().to_owned();
    shm.push("-shm");
    if held(Path::new(&shm), WAL_WRITE_LOCK, 1, pid)? {
        Ok(Moment::MidTransaction)
    } else if held(Path::new(&shm), WAL_CKPT_LOCK, 1, pid)?
        || held(db, SHARED_FIRST, SHARED_SIZE, pid)?
    {
        Ok(Moment::Checkpoint)
    } else {
        Ok(Moment::Outside)
    }
}

/// Whether process `pid` holds a write lock on bytes `start..start + len` of `path`.
fn held(path: &Path, start: i64, len: i64, pid: Pid) -> Result<bool, String> {
    let file = match File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(false),
        Err(e) => return Err(format!("{}: {e}", path.display())),
    };
    // Asking whether a read lock could be taken finds write locks only.
    let mut lock = libc::flock {
        l_type: libc::F_RDLCK as libc::c_short,
        l_whence: libc::SEEK_SET as libc::c_short,
        l_start: start,
        l_len: len,
        l_pid: 0,
    };
    fcntl(file.as_raw_fd(), FcntlArg::F_GETLK(&mut lock))
        .map_err(|e| format!("F_GETLK on {}: {e}", path.display()))?;
    Ok(lock.l_type != libc::F_UNLCK as libc::c_short && lock.l_pid == pid.as_raw())
}
