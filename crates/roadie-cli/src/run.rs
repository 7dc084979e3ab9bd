//! Each command: parse the arguments into core types, make one core call, print the result.

use roadie_core::demo::Scale;
use std::io::Write;
use std::path::Path;

use roadie_core::{
    Audience, CalendarAudience, Clock, Error, Feed, GatheringFilter, GatheringForm, GatheringKind,
    GatheringStatus, Result, SpeakerData, SpeakerFilter, Store, SummitForm, SystemClock,
};

use crate::args::{
    Cli, Command, ExportCommand, GatheringAdd, GatheringCommand, IcalExport, SpeakerCommand,
    SummitCommand, SummitCreate,
};
use crate::table;

/// Runs one command line.
pub async fn run(cli: Cli) -> Result<()> {
    let path = match cli.db {
        Some(path) => path,
        None => roadie_core::default_db_path()?,
    };
    let store = Store::open(&path).await?;
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
        Command::Gathering(GatheringCommand::Cancel { id }) => {
            let g = store.cancel_gathering(id).await?;
            println!(
                "cancelled gathering {} \"{}\" (sequence {})",
                g.id, g.data.title, g.sequence
            );
            Ok(())
        }
        Command::Speaker(command) => speaker(store, command).await,
        Command::Export(ExportCommand::Ical(args)) => export_ical(store, args).await,
        Command::Export(ExportCommand::Budget(args)) => crate::budget::export(store, args).await,
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
    let calendar = store.calendar(feed).await?;
    let ics = calendar.to_ics(&SystemClock)?;
    if !write_out(&args.out, ics.into_bytes()).await? {
        return Ok(());
    }
    let n = calendar.gatherings.len();
    println!(
        "wrote {n} event{} of \"{}\" to {}",
        if n == 1 { "" } else { "s" },
        calendar.name,
        args.out.display()
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
