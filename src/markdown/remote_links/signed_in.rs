//! Links into an online service that opens only signed in to an account
//! (SharePoint, OneDrive, Teams, Google Drive), as authors copy them from
//! the browser: the copy's readers outside the establishment have no account
//! there, and an attack often cuts the establishment's accounts off (its
//! directory is the first thing the attacker takes) just when the handbook is
//! read.

/// The warning and its fix, when `dest` leads into such a service.
pub(super) fn problem(dest: &str) -> Option<(String, String)> {
    let service = service(super::web_host(dest)?)?;
    let help = match service {
        // A meeting or a channel cannot be copied into the handbook.
        "Teams" => "give a way in that needs no account as well, such as the audio bridge's phone number",
        _ => "copy the document into `content/` and link to it by relative path: it then goes with every copy, and prints with the procedure",
    };
    Some((
        format!(
            "link to {service}, which opens only online and signed in: readers of the copy cannot open it, nor can anyone once an attack cuts the establishment's accounts off"
        ),
        help.into(),
    ))
}

/// The service a web host belongs to, as its users name it.
fn service(host: &str) -> Option<&'static str> {
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    let under = |domain: &str| {
        host.strip_suffix(domain)
            .is_some_and(|sub| sub.is_empty() || sub.ends_with('.'))
    };
    let service = if ["sharepoint.com", "sharepoint.us", "sharepoint.cn"]
        .iter()
        .any(|d| under(d))
    {
        // Each account's OneDrive is `<tenant>-my.sharepoint.com`.
        match host.split('.').next().is_some_and(|t| t.ends_with("-my")) {
            true => "OneDrive",
            false => "SharePoint",
        }
    } else if under("onedrive.live.com") || host == "1drv.ms" {
        "OneDrive"
    } else if [
        "teams.microsoft.com",
        "teams.live.com",
        "teams.cloud.microsoft",
    ]
    .iter()
    .any(|d| under(d))
    {
        "Teams"
    } else if host == "docs.google.com" || host == "drive.google.com" {
        "Google Drive"
    } else {
        return None;
    };
    Some(service)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_the_service_of_each_host() {
        for (host, name) in [
            ("chuxyz.sharepoint.com", Some("SharePoint")),
            ("CHUXYZ-my.SharePoint.com.", Some("OneDrive")),
            ("1drv.ms", Some("OneDrive")),
            ("teams.microsoft.com", Some("Teams")),
            ("docs.google.com", Some("Google Drive")),
            ("sharepoint.com.example.org", None),
            ("notsharepoint.com", None),
            ("www.google.com", None),
            ("cyber.gouv.fr", None),
        ] {
            assert_eq!(service(host), name, "{host}");
        }
    }
}
