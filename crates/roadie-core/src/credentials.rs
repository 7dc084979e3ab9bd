//! Passwords for the servers Roadie publishes to, kept in the operating system's keyring (the
//! Secret Service on Linux, e.g. GNOME Keyring or KWallet; the Keychain on macOS; the Credential
//! Manager on Windows), never in the database. One entry per user and CalDAV collection, under
//! the service name [`SERVICE`].

use crate::error::{Error, Result};

/// The keyring service name of Roadie's entries.
pub const SERVICE: &str = "Roadie CalDAV";

/// What a caller can do when the keyring cannot help.
const FALLBACK: &str = "set ROADIE_CALDAV_PASSWORD for the command line instead";

fn entry(collection_url: &str, user: &str) -> Result<keyring::Entry> {
    keyring::Entry::new(SERVICE, &format!("{user} at {collection_url}")).map_err(refused)
}

/// A keyring failure as the user should read it, on the `password` field.
fn refused(error: keyring::Error) -> Error {
    let message = match &error {
        keyring::Error::PlatformFailure(_) | keyring::Error::NoStorageAccess(_) => format!(
            "no OS keyring is available to keep the password ({error}); start a Secret Service \
             such as GNOME Keyring or KWallet and unlock it, or {FALLBACK}"
        ),
        _ => format!("the OS keyring refused it: {error}"),
    };
    Error::invalid("password", message)
}

/// Runs a blocking keyring call off the async runtime's threads.
async fn blocking<T: Send + 'static>(f: impl FnOnce() -> Result<T> + Send + 'static) -> Result<T> {
    tokio::task::spawn_blocking(f).await.unwrap_or_else(|e| {
        Err(Error::invalid(
            "password",
            format!("the keyring call failed: {e}"),
        ))
    })
}

/// Keeps `password` for `user` at the collection in the keyring, replacing any earlier one.
pub async fn save_password(collection_url: &str, user: &str, password: &str) -> Result<()> {
    if password.is_empty() {
        return Err(Error::invalid("password", "must not be empty"));
    }
    let (url, user, password) = (
        collection_url.to_owned(),
        user.to_owned(),
        password.to_owned(),
    );
    blocking(move || entry(&url, &user)?.set_password(&password).map_err(refused)).await
}

/// The password kept for `user` at the collection, or `None` when there is none.
pub async fn password(collection_url: &str, user: &str) -> Result<Option<String>> {
    let (url, user) = (collection_url.to_owned(), user.to_owned());
    blocking(move || match entry(&url, &user)?.get_password() {
        Ok(password) => Ok(Some(password)),
        Err(keyring::Error::NoEntry) => Ok(None),
        Err(e) => Err(refused(e)),
    })
    .await
}

/// Removes the password kept for `user` at the collection; nothing to remove is no error.
pub async fn forget_password(collection_url: &str, user: &str) -> Result<()> {
    let (url, user) = (collection_url.to_owned(), user.to_owned());
    blocking(move || match entry(&url, &user)?.delete_credential() {
        Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
        Err(e) => Err(refused(e)),
    })
    .await
}

/// The message for a password that is needed and found nowhere.
pub fn missing(collection_url: &str, user: &str) -> Error {
    Error::invalid(
        "password",
        format!(
            "no password for {user} at {collection_url} in the OS keyring; save one first \
             (`roadie publish caldav-login`, or the app's CalDAV settings), or {FALLBACK}"
        ),
    )
}
