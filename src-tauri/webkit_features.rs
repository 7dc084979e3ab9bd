//! WebKit's runtime features: the switches behind its experimental and internal settings, set per
//! web view with `webkit_settings_set_feature_enabled` (WebKitGTK 2.42). The webkit2gtk crate does
//! not bind that API yet, so this module declares the functions it uses; the `.deb` depends on
//! WebKitGTK 2.42 or later for them (tauri.conf.json).

use std::ffi::{CStr, c_char};

use webkit2gtk::ffi::WebKitSettings;
use webkit2gtk::glib::ffi::gboolean;
use webkit2gtk::glib::translate::{IntoGlib, ToGlibPtr};

/// WebKitFeatureList, a boxed list owned by whoever asked for it.
#[repr(C)]
struct FeatureList {
    _opaque: [u8; 0],
}

/// WebKitFeature, owned by the list it came from.
#[repr(C)]
struct Feature {
    _opaque: [u8; 0],
}

#[allow(unsafe_code)]
unsafe extern "C" {
    fn webkit_settings_get_all_features() -> *mut FeatureList;
    fn webkit_feature_list_get_length(list: *mut FeatureList) -> usize;
    fn webkit_feature_list_get(list: *mut FeatureList, index: usize) -> *mut Feature;
    fn webkit_feature_list_unref(list: *mut FeatureList);
    fn webkit_feature_get_identifier(feature: *mut Feature) -> *const c_char;
    #[cfg(test)]
    fn webkit_settings_get_feature_enabled(
        settings: *mut WebKitSettings,
        feature: *mut Feature,
    ) -> gboolean;
    fn webkit_settings_set_feature_enabled(
        settings: *mut WebKitSettings,
        feature: *mut Feature,
        enabled: gboolean,
    );
}

/// Turns the feature `identifier` ("AsyncOverflowScrolling") on or off in `settings`. False when
/// this WebKit has no feature of that name.
pub fn set_feature(settings: &webkit2gtk::Settings, identifier: &str, enabled: bool) -> bool {
    let settings: *mut WebKitSettings = settings.to_glib_none().0;
    with_feature(identifier, |feature| {
        // SAFETY: `settings` is a live WebKitSettings (borrowed for this call) and `feature` a
        // live feature of the list `with_feature` holds.
        #[allow(unsafe_code)]
        unsafe {
            webkit_settings_set_feature_enabled(settings, feature, enabled.into_glib());
        }
    })
    .is_some()
}

/// Whether the feature `identifier` is on in `settings`; None when this WebKit has no such feature.
#[cfg(test)]
fn feature_enabled(settings: &webkit2gtk::Settings, identifier: &str) -> Option<bool> {
    let settings: *mut WebKitSettings = settings.to_glib_none().0;
    with_feature(identifier, |feature| {
        // SAFETY: as in `set_feature`.
        #[allow(unsafe_code)]
        unsafe {
            webkit_settings_get_feature_enabled(settings, feature) != 0
        }
    })
}

/// Calls `use_it` with the feature named `identifier`, while the list holding it is alive.
#[allow(unsafe_code)]
fn with_feature<T>(identifier: &str, use_it: impl FnOnce(*mut Feature) -> T) -> Option<T> {
    // SAFETY: `webkit_settings_get_all_features` returns a new list (transfer full) that is
    // released below, after the last use of the features it owns; `webkit_feature_list_get`
    // takes an index below the list's length; identifiers are NUL-terminated strings owned by
    // their feature.
    unsafe {
        let list = webkit_settings_get_all_features();
        if list.is_null() {
            return None;
        }
        let mut found = None;
        for index in 0..webkit_feature_list_get_length(list) {
            let feature = webkit_feature_list_get(list, index);
            if feature.is_null() {
                continue;
            }
            let id = webkit_feature_get_identifier(feature);
            if !id.is_null() && CStr::from_ptr(id).to_bytes() == identifier.as_bytes() {
                found = Some(use_it(feature));
                break;
            }
        }
        webkit_feature_list_unref(list);
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn turns_a_feature_off_and_on_again_and_knows_a_missing_one() {
        // WebKit's settings read the desktop's fonts through GTK, which needs a display: `make
        // test` runs the tests under xvfb-run.
        let init = gtk::init();
        assert!(init.is_ok(), "GTK needs a display (DISPLAY): {init:?}");
        let settings = webkit2gtk::Settings::new();
        let name = crate::renderer::COMPOSITED_SCROLLING;
        assert_eq!(
            feature_enabled(&settings, name),
            Some(true),
            "on by default"
        );
        assert!(set_feature(&settings, name, false));
        assert_eq!(feature_enabled(&settings, name), Some(false));
        assert!(set_feature(&settings, name, true));
        assert_eq!(feature_enabled(&settings, name), Some(true));
        // Another web view's settings are their own.
        assert!(set_feature(&settings, name, false));
        assert_eq!(
            feature_enabled(&webkit2gtk::Settings::new(), name),
            Some(true)
        );

        assert!(!set_feature(&settings, "NoSuchFeatureInWebKit", false));
        assert_eq!(feature_enabled(&settings, "NoSuchFeatureInWebKit"), None);
    }
}
