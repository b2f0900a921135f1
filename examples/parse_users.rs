//! How long reading a page of 1,000 users takes, natively: `cargo run --release --example
//! parse_users`. Prints the median of 200 reads of one page shaped as awork's `GET /users` answers
//! (names, contact infos, tags, teams, and fields the app does not read). It asserts nothing.

use awork_admin::api::models::User;
use std::time::Instant;

fn page(n: usize) -> String {
    let users: Vec<String> = (0..n)
        .map(|i| {
            format!(
                r#"{{"id": "00000000-0000-4000-8000-{i:012}", "firstName": "First{i}", "lastName": "Last \"{i}\"",
                "birthDate": null, "gender": "female", "title": null, "position": "Designer", "language": "de-DE",
                "createdOn": "2024-01-02T03:04:05Z", "createdBy": "00000000-0000-4000-8000-000000000001",
                "status": {{"invitationAccepted": true, "isDeactivated": false}}, "isArchived": false,
                "isDeactivated": false, "isExternal": false, "hasImage": {}, "resourceVersion": 637825154598057900,
                "userContactInfos": [{{"type": "email", "subType": "work", "value": "first{i}@acme.example", "isAddress": false}},
                                     {{"type": "phone", "subType": "mobile", "value": "+49 170 {i}", "isAddress": false}}],
                "tags": [{{"id": "t1", "name": "Design", "color": "purple"}}],
                "teams": [{{"id": "00000000-0000-4000-8000-00000000000{}", "name": "Team é", "icon": "image", "color": "blue"}}]}}"#,
                i % 2 == 0,
                i % 5
            )
        })
        .collect();
    format!("[{}]", users.join(","))
}

fn main() {
    let text = page(1000);
    let mut times = Vec::new();
    for _ in 0..200 {
        let start = Instant::now();
        let users: Vec<User> = serde_json::from_str(&text).expect("the page reads");
        times.push(start.elapsed().as_secs_f64() * 1000.0);
        assert_eq!(users.len(), 1000);
    }
    #[allow(clippy::disallowed_methods)] // a native benchmark, not the app
    times.sort_by(f64::total_cmp);
    println!("1,000 users ({} KB): median {:.2} ms, min {:.2} ms", text.len() / 1024, times[100], times[0]);
}
