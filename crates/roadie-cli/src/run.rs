//! Each command: parse the arguments into core types, make one core call, print the result.

use roadie_core::demo::Scale;
use std::io::Write;
use std::path::Path;

use roadie_core::import::{self, ChangeAction, ColumnMap, CsvKind, CsvOptions, ScheduleOptions};
use roadie_core::{
    Audience, CalendarAudience, Clock, Collection, Error, Feed, GatheringFilter, GatheringForm,
    GatheringKind, GatheringStatus, Login, Result, SpeakerData, SpeakerFilter, Store, SummitForm,
    SystemClock, credentials,
};

use crate::args::{
    CaldavPublish, Cli, Command, CsvImport, ExportCommand, GatheringAdd, GatheringCommand,
    GatheringEdit, IcalExport, ImportCommand, PublishCommand, ScheduleImport, SpeakerCommand,
    SummitCommand, SummitCreate,
};
use crate::table;

mod travel;

/// Runs one command line.
pub async fn run(cli: Cli) -> Result<()> {
    let path = match cli.db {
        Some(path) => path,
        None => roadie_core::default_db_path()?,
    };
    let store = crate::backup::open(&path).await?;
    let result = dispatch(&store, cli.command).await;
    store.close().await;
    result
}

async fn dispatch(store: &Store, command: Command) -> Result<()> {
    match command {
        Command::Summit(SummitCommand::Create(args)) => create_summit(store, *args).await,
        Command::Summit(SummitCommand::List { json }) => list_summits(store, json).await,
        Command::Gathering(GatheringCommand::Add(args)) => add_gathering(store, *args).await,
        Command::Gathering(GatheringCommand::List {
            summit,
            kind,
            audience,
            status,
            json,
        }) => {
            let summit = store.summit_by_slug(&summit).await?;
            let filter = GatheringFilter {
                summit_id: Some(summit.id),
                kind: kind.map(|k| GatheringKind::parse("kind", &k)).transpose()?,
                audience: audience
                    .map(|a| Audience::parse("audience", &a))
                    .transpose()?,
                status: status
                    .map(|s| GatheringStatus::parse("status", &s))
                    .transpose()?,
                ..GatheringFilter::default()
            };
            list_gatherings(store, &filter, json).await
        }
        Command::Gathering(GatheringCommand::Edit(args)) => edit_gathering(store, *args).await,
        Command::Gathering(GatheringCommand::Cancel { id }) => {
            let g = store.cancel_gathering(id).await?;
            println!(
                "cancelled gathering {} \"{}\" (sequence {})",
                g.id, g.data.title, g.sequence
            );
            Ok(())
        }
        Command::Speaker(command) => speaker(store, command).await,
        Command::Swag(command) => crate::swag::swag(store, command).await,
        Command::Shipment(command) => crate::swag::shipment(store, command).await,
        Command::Check { summit, json } => crate::swag::check(store, &summit, json).await,
        Command::Export(ExportCommand::Ical(args)) => export_ical(store, args).await,
        Command::Publish(PublishCommand::Caldav(args)) => publish_caldav(store, args).await,
        Command::Publish(PublishCommand::CaldavLogin { url, user, forget }) => {
            caldav_login(&url, &user, forget).await
        }
        Command::Export(ExportCommand::Travel(args)) => travel::export(store, args).await,
        Command::Travel(command) => travel::travel(store, command).await,
        Command::Organiser(command) => travel::organiser(store, command).await,
        Command::Audit(command) => travel::audit(store, command).await,
        Command::Import(ImportCommand::Schedule(args)) => import_schedule(store, args).await,
        Command::Import(ImportCommand::Csv(args)) => import_csv(store, args).await,
        Command::Export(ExportCommand::Budget(args)) => crate::budget::export(store, args).await,
        Command::Export(ExportCommand::All(args)) => crate::backup::export(store, args).await,
        Command::Import(ImportCommand::All(args)) => crate::backup::import(store, args).await,
        Command::Backup(args) => crate::backup::backup(store, args).await,
        Command::Restore(args) => crate::backup::restore(store, args).await,
        Command::Budget(command) => crate::budget::budget(store, command).await,
        Command::Rate(command) => crate::budget::rate(store, command).await,
        Command::Demo { scale, json } => {
            let scale = Scale::parse("scale", &scale)?;
            let today = SystemClock.now().date_naive();
            let counts = store.seed_demo(scale, today).await?;
            if json {
                return table::json(&counts);
            }
            println!(
                "seeded summit {}: {} gatherings, {} speakers, {} travel requests, {} shipments, {} budget lines",
                counts.summit_slug,
                counts.gatherings,
                counts.speakers,
                counts.travel_requests,
                counts.shipments,
                counts.budget_lines
            );
            Ok(())
        }
    }
}

async fn create_summit(store: &Store, args: SummitCreate) -> Result<()> {
    let data = SummitForm {
        name: args.name,
        slug: args.slug,
        city: args.city,
        venue: args.venue,
        tz: args.tz,
        start: args.start,
        end: args.end,
        currency: args.currency,
        budget: args.budget,
    }
    .parse()?;
    let summit = store.create_summit(&data).await?;
    println!(
        "created summit {} ({}) with id {}",
        summit.data.slug, summit.data.name, summit.id
    );
    Ok(())
}

async fn list_summits(store: &Store, json: bool) -> Result<()> {
    let summits = store.list_summits().await?;
    if json {
        return table::json(&summits);
    }
    let rows: Vec<Vec<String>> = summits
        .iter()
        .map(|s| {
            let d = &s.data;
            vec![
                s.id.to_string(),
                d.slug.clone(),
                d.name.clone(),
                table::opt(&d.city),
                format!("{} – {}", d.start_date, d.end_date),
                d.tz.to_string(),
                d.currency.to_string(),
                table::opt(&d.budget),
            ]
        })
        .collect();
    table::print(
        &[
            "ID",
            "SLUG",
            "NAME",
            "CITY",
            "DATES",
            "TIME ZONE",
            "CURRENCY",
            "BUDGET",
        ],
        &rows,
    );
    Ok(())
}

async fn add_gathering(store: &Store, args: GatheringAdd) -> Result<()> {
    let summit = store.summit_by_slug(&args.summit).await?;
    let data = GatheringForm {
        summit_id: Some(summit.id),
        kind: GatheringKind::parse("kind", &args.kind)?,
        title: args.title,
        description: args.description,
        start: args.start,
        end: args.end,
        tz: args.tz.unwrap_or_else(|| summit.data.tz.to_string()),
        venue: args.venue,
        room: args.room,
        url: args.url,
        geo: args.geo,
        track: None,
        capacity: args.capacity,
        expected_headcount: args.headcount,
        audience: Audience::parse("audience", &args.audience)?,
        status: GatheringStatus::parse("status", &args.status)?,
        recurrence: args.recurrence,
    }
    .parse_new()?;
    let g = store.add_gathering(&data).await?;
    if args.json {
        return table::json(&g);
    }
    println!(
        "added {} {} \"{}\" to {}",
        g.data.kind, g.id, g.data.title, summit.data.slug
    );
    Ok(())
}

async fn edit_gathering(store: &Store, args: GatheringEdit) -> Result<()> {
    let old = store.gathering(args.id).await?;
    let mut form = GatheringForm::from(&old.data);
    let text = |new: Option<String>, old: &mut Option<String>| {
        if let Some(new) = new {
            *old = Some(new);
        }
    };
    if let Some(kind) = args.kind {
        form.kind = GatheringKind::parse("kind", &kind)?;
    }
    if let Some(title) = args.title {
        form.title = title;
    }
    // Times kept as they were stay the same wall-clock times, read in the new zone if one is given.
    form.start = args.start.unwrap_or(form.start);
    form.end = args.end.unwrap_or(form.end);
    form.tz = args.tz.unwrap_or(form.tz);
    text(args.venue, &mut form.venue);
    text(args.room, &mut form.room);
    text(args.url, &mut form.url);
    text(args.geo, &mut form.geo);
    text(args.track, &mut form.track);
    text(args.description, &mut form.description);
    text(args.recurrence, &mut form.recurrence);
    form.capacity = args.capacity.or(form.capacity);
    form.expected_headcount = args.headcount.or(form.expected_headcount);
    if let Some(audience) = args.audience {
        form.audience = Audience::parse("audience", &audience)?;
    }
    if let Some(status) = args.status {
        form.status = GatheringStatus::parse("status", &status)?;
    }
    let g = store.update_gathering(args.id, &form.parse()?).await?;
    if args.json {
        return table::json(&g);
    }
    println!(
        "changed {} {} \"{}\" (sequence {})",
        g.data.kind, g.id, g.data.title, g.sequence
    );
    Ok(())
}

async fn list_gatherings(store: &Store, filter: &GatheringFilter, json: bool) -> Result<()> {
    let gatherings = store.list_gatherings(filter).await?;
    if json {
        return table::json(&gatherings);
    }
    let rows: Vec<Vec<String>> = gatherings
        .iter()
        .map(|g| {
            let d = &g.data;
            let (start, end) = (d.tz.local(d.start), d.tz.local(d.end));
            let end_format = if start.date() == end.date() {
                "%H:%M"
            } else {
                "%Y-%m-%d %H:%M"
            };
            vec![
                g.id.to_string(),
                d.kind.to_string(),
                format!(
                    "{}–{}",
                    start.format("%Y-%m-%d %H:%M"),
                    end.format(end_format)
                ),
                d.title.clone(),
                [d.venue.as_deref(), d.room.as_deref()]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(", "),
                d.audience.to_string(),
                d.status.to_string(),
            ]
        })
        .collect();
    table::print(
        &[
            "ID",
            "KIND",
            "WHEN (LOCAL)",
            "TITLE",
            "WHERE",
            "AUDIENCE",
            "STATUS",
        ],
        &rows,
    );
    Ok(())
}

/// Refuses an output file whose folder does not exist ("-" is standard output).
pub fn check_out(out: &Path) -> Result<()> {
    if out.as_os_str() == "-" {
        return Ok(());
    }
    if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty())
        && !dir.is_dir()
    {
        return Err(Error::invalid(
            "out",
            format!("{} is not a directory", dir.display()),
        ));
    }
    Ok(())
}

/// Writes `bytes` to `out`, or to standard output for "-"; true when it wrote a file.
pub async fn write_out(out: &Path, bytes: Vec<u8>) -> Result<bool> {
    if out.as_os_str() == "-" {
        let mut stdout = std::io::stdout().lock();
        stdout
            .write_all(&bytes)
            .and_then(|()| stdout.flush())
            .map_err(Error::io(Path::new("standard output")))?;
        return Ok(false);
    }
    roadie_core::files::write_atomically(out, bytes).await?;
    Ok(true)
}

async fn export_ical(store: &Store, args: IcalExport) -> Result<()> {
    check_out(&args.out)?;
    let feed = match (args.summit, args.speaker, args.gathering) {
        (Some(slug), _, _) => {
            let audience = args.audience.as_deref().unwrap_or_default();
            Feed::Summit {
                audience: CalendarAudience::parse("audience", audience)?,
                summit_id: store.summit_by_slug(&slug).await?.id,
            }
        }
        (None, Some(speaker_id), _) => Feed::Speaker { speaker_id },
        (None, None, Some(gathering_id)) => Feed::Gathering { gathering_id },
        (None, None, None) => Feed::Meetups,
    };
    if args.out.as_os_str() == "-" {
        let ics = store.calendar(feed).await?.to_ics(&SystemClock)?;
        write_out(&args.out, ics.into_bytes()).await?;
        return Ok(());
    }
    let written = store.export_calendar(feed, &args.out, &SystemClock).await?;
    let n = written.events;
    println!(
        "wrote {n} event{} of \"{}\" to {}",
        if n == 1 { "" } else { "s" },
        written.name,
        args.out.display()
    );
    Ok(())
}

async fn publish_caldav(store: &Store, args: CaldavPublish) -> Result<()> {
    let collection = Collection::parse("url", &args.url)?;
    let feed = Feed::Summit {
        audience: CalendarAudience::parse("audience", &args.audience)?,
        summit_id: store.summit_by_slug(&args.summit).await?.id,
    };
    let from_env = std::env::var("ROADIE_CALDAV_PASSWORD")
        .ok()
        .filter(|p| !p.is_empty());
    let login = match roadie_core::ical::caldav::user("user", args.user.as_deref())? {
        Some(user) => {
            let password = match from_env {
                Some(password) => password,
                None => credentials::password(collection.as_str(), &user)
                    .await?
                    .ok_or_else(|| credentials::missing(collection.as_str(), &user))?,
            };
            Some(Login { user, password })
        }
        None if from_env.is_some() => {
            return Err(Error::invalid(
                "user",
                "ROADIE_CALDAV_PASSWORD is set but no --user is given to log in with",
            ));
        }
        None => None,
    };
    let report = store
        .publish_caldav(feed, &collection, login, args.overwrite, &SystemClock)
        .await?;
    if args.json {
        table::json(&report)?;
    } else {
        println!(
            "published \"{}\" to {}: {} created, {} updated, {} unchanged, {} failed",
            report.calendar,
            report.collection,
            report.created,
            report.updated,
            report.unchanged,
            report.failed.len()
        );
        for f in &report.failed {
            let what = if f.conflict { "conflict" } else { "failed" };
            println!("  {what}: \"{}\" ({}): {}", f.title, f.uid, f.reason);
        }
        if report.not_in_calendar > 0 {
            println!(
                "  {} event(s) published there before are no longer in this calendar; left on the server as they were",
                report.not_in_calendar
            );
        }
    }
    let conflicts = report.failed.iter().filter(|f| f.conflict).count();
    match (report.failed.len(), conflicts) {
        (0, _) => Ok(()),
        (n, 0) => Err(Error::Remote(format!("{n} event(s) were not published"))),
        (n, c) => Err(Error::Remote(format!(
            "{n} event(s) were not published, {c} of them in conflict with the server's copy; \
             run again with --overwrite to replace the server's copies"
        ))),
    }
}

async fn caldav_login(url: &str, user: &str, forget: bool) -> Result<()> {
    let collection = Collection::parse("url", url)?;
    let user = roadie_core::ical::caldav::user("user", Some(user))?
        .ok_or_else(|| Error::invalid("user", "must not be empty"))?;
    if forget {
        credentials::forget_password(collection.as_str(), &user).await?;
        println!("forgot the password of {user} at {collection}");
        return Ok(());
    }
    let mut line = String::new();
    std::io::stdin()
        .read_line(&mut line)
        .map_err(Error::io(std::path::Path::new("standard input")))?;
    let password = line.strip_suffix('\n').unwrap_or(&line);
    let password = password.strip_suffix('\r').unwrap_or(password);
    credentials::save_password(collection.as_str(), &user, password).await?;
    println!(
        "kept the password of {user} at {collection} in the OS keyring ({})",
        credentials::SERVICE
    );
    Ok(())
}

async fn speaker(store: &Store, command: SpeakerCommand) -> Result<()> {
    match command {
        SpeakerCommand::Add {
            name,
            email,
            organisation,
            city,
            country,
            talks,
            json,
        } => {
            let data = SpeakerData {
                name,
                email,
                organisation,
                home_city: city,
                country,
                first_time: false,
            };
            let speaker = store.add_speaker(&data).await?;
            for talk in talks {
                store.link_talk(speaker.id, talk).await?;
            }
            let speaker = store.speaker(speaker.id).await?;
            if json {
                return table::json(&speaker);
            }
            println!("added speaker {} ({})", speaker.id, speaker.data.name);
            Ok(())
        }
        SpeakerCommand::List {
            summit,
            search,
            json,
        } => {
            let summit_id = match summit {
                Some(slug) => Some(store.summit_by_slug(&slug).await?.id),
                None => None,
            };
            let speakers = store
                .list_speakers(&SpeakerFilter { summit_id, search })
                .await?;
            if json {
                return table::json(&speakers);
            }
            let rows: Vec<Vec<String>> = speakers
                .iter()
                .map(|s| {
                    vec![
                        s.id.to_string(),
                        s.data.name.clone(),
                        table::opt(&s.data.organisation),
                        [s.data.home_city.as_deref(), s.data.country.as_deref()]
                            .into_iter()
                            .flatten()
                            .collect::<Vec<_>>()
                            .join(", "),
                        s.talk_ids.len().to_string(),
                    ]
                })
                .collect();
            table::print(&["ID", "NAME", "ORGANISATION", "FROM", "TALKS"], &rows);
            Ok(())
        }
    }
}

/// An error about a place in `file`, named with the file.
fn in_file(file: &std::path::Path) -> impl Fn(Error) -> Error + '_ {
    move |e| match e {
        Error::Invalid { field, message } => {
            Error::invalid(format!("{}: {field}", file.display()), message)
        }
        other => other,
    }
}

async fn import_schedule(store: &Store, args: ScheduleImport) -> Result<()> {
    let schedule = import::load_schedule(&args.file, &|_| {}).map_err(in_file(&args.file))?;
    let options = ScheduleOptions {
        summit: args.summit,
        tz: args.tz,
        currency: args.currency,
    };
    let report = if args.dry_run {
        store.preview_schedule(&schedule, &options, &|_| {}).await
    } else {
        store.import_schedule(&schedule, &options, &|_| {}).await
    }
    .map_err(in_file(&args.file))?;
    if args.json {
        return table::json(&report);
    }
    let s = &report.summit;
    println!(
        "{} into {} summit {} ({}, {} – {}, {})",
        report.format_name,
        if s.created { "new" } else { "the" },
        s.slug,
        s.name,
        s.start_date,
        s.end_date,
        s.tz
    );
    let (n, p) = (&report.sessions, &report.speakers);
    println!(
        "sessions: {} added, {} changed, {} cancelled, {} unchanged",
        n.added, n.changed, n.cancelled, n.unchanged
    );
    println!(
        "speakers: {} added, {} changed, {} unchanged",
        p.added, p.changed, p.unchanged
    );
    for c in &report.changes {
        // Applied imports list what changed; a dry run lists everything it would do.
        if c.action == ChangeAction::Added && !args.dry_run {
            continue;
        }
        let sign = match c.action {
            ChangeAction::Added => '+',
            ChangeAction::Changed => '~',
            ChangeAction::Cancelled => 'x',
        };
        let fields = if c.action == ChangeAction::Changed {
            format!(" ({})", c.fields.join(", "))
        } else {
            String::new()
        };
        println!(
            "{sign} {}  {}  {}{fields}",
            c.start_local.replace('T', " "),
            c.room.as_deref().unwrap_or("-"),
            c.title
        );
    }
    for warning in &report.warnings {
        eprintln!("warning: {warning}");
    }
    println!(
        "{}",
        if report.applied {
            "imported"
        } else {
            "dry run: nothing was written"
        }
    );
    Ok(())
}

async fn import_csv(store: &Store, args: CsvImport) -> Result<()> {
    let bytes = import::read_file(&args.file, &|_| {})?;
    let options = CsvOptions {
        kind: CsvKind::parse("kind", &args.kind)?,
        summit: args.summit,
        columns: args
            .map
            .iter()
            .map(|m| ColumnMap::parse("map", m))
            .collect::<Result<_>>()?,
    };
    let now = SystemClock.now();
    let report = if args.dry_run {
        store.preview_csv(&bytes, &options, now).await
    } else {
        store.import_csv(&bytes, &options, now).await
    }
    .map_err(in_file(&args.file))?;
    if args.json {
        table::json(&report)?;
    } else {
        let what = match report.kind {
            CsvKind::Speakers => "speakers",
            CsvKind::Travel => "travel requests",
        };
        println!(
            "{} rows: {what} {} added, {} changed, {} unchanged",
            report.rows, report.added, report.changed, report.unchanged
        );
        if report.speakers_added > 0 {
            println!(
                "{} new speakers for applicants not known yet",
                report.speakers_added
            );
        }
        for c in &report.changes {
            if c.action != "unchanged" || args.dry_run {
                let detail = c
                    .detail
                    .as_deref()
                    .map(|d| format!(" ({d})"))
                    .unwrap_or_default();
                println!("line {}: {} {}{detail}", c.line, c.action, c.name);
            }
        }
    }
    if !report.problems.is_empty() {
        for p in &report.problems {
            let field = p
                .field
                .as_deref()
                .map(|f| format!("{f}: "))
                .unwrap_or_default();
            eprintln!(
                "{}: line {}: {field}{}",
                args.file.display(),
                p.line,
                p.message
            );
        }
        let n = report.problems.len();
        return Err(Error::invalid(
            "file",
            format!(
                "{n} bad row{} in {}; nothing was imported",
                if n == 1 { "" } else { "s" },
                args.file.display()
            ),
        ));
    }
    if !args.json {
        println!(
            "{}",
            if report.applied {
                "imported"
            } else {
                "dry run: nothing was written"
            }
        );
    }
    Ok(())
}
