//! Travel funding commands: each parses its arguments into core types and makes one core call.

use std::io::Write;

use roadie_core::{
    ApprovalForm, ApprovalPlan, BookingForm, Clock, Error, OrganiserData, PaymentForm, Result,
    Store, SystemClock, TravelAction, TravelCategory, TravelItemForm, TravelPolicyForm,
    TravelRequestForm, TravelStatus,
};

use crate::args::travel::{
    AuditCommand, OrganiserCommand, PolicyCommand, TravelCommand, TravelExport,
};
use crate::table;

fn opt_money(m: Option<roadie_core::Money>) -> String {
    table::opt(&m)
}

pub async fn organiser(store: &Store, command: OrganiserCommand) -> Result<()> {
    match command {
        OrganiserCommand::Add {
            name,
            email,
            speaker,
            json,
        } => {
            let data = OrganiserData {
                name,
                email,
                speaker_id: speaker,
            };
            let o = store.add_organiser(&data, SystemClock.now()).await?;
            if json {
                return table::json(&o);
            }
            println!("added organiser {} ({})", o.id, o.data.name);
            Ok(())
        }
        OrganiserCommand::List { json } => {
            let list = store.list_organisers().await?;
            if json {
                return table::json(&list);
            }
            let rows: Vec<Vec<String>> = list
                .iter()
                .map(|o| {
                    vec![
                        o.id.to_string(),
                        o.data.name.clone(),
                        table::opt(&o.data.email),
                        table::opt(&o.data.speaker_id),
                    ]
                })
                .collect();
            table::print(&["ID", "NAME", "EMAIL", "SPEAKER"], &rows);
            Ok(())
        }
    }
}

fn print_plan(plan: &ApprovalPlan, done: bool) {
    let rows: Vec<Vec<String>> = plan
        .lines
        .iter()
        .filter(|l| l.requested.minor > 0 || l.approved.minor > 0)
        .map(|l| {
            vec![
                l.category.to_string(),
                l.requested.to_string(),
                l.approved.to_string(),
                l.approved_base.to_string(),
                format!("{} ({})", l.cap.cap, l.cap.basis),
            ]
        })
        .collect();
    table::print(
        &["CATEGORY", "REQUESTED", "APPROVED", "IN BASE", "CAP"],
        &rows,
    );
    let verb = if done { "approved" } else { "would approve" };
    println!(
        "{verb} {} ({} at {}); pool {}: {} left before, {} after{}",
        plan.total,
        plan.total_base,
        plan.rate,
        plan.pool,
        plan.remaining_before,
        plan.remaining_after,
        if plan.over_pool { " (override)" } else { "" }
    );
    println!("accept by {}", plan.accept_by);
    if plan.amendment {
        println!("the approved amounts changed: another organiser must confirm them");
    }
}

async fn policy(store: &Store, command: PolicyCommand) -> Result<()> {
    match command {
        PolicyCommand::Set(args) => {
            let summit = store.summit_by_slug(&args.summit).await?;
            let (low, high) = args
                .review_scale
                .split_once('-')
                .and_then(|(l, h)| Some((l.trim().parse().ok()?, h.trim().parse().ok()?)))
                .ok_or_else(|| {
                    Error::invalid(
                        "review_scale",
                        format!("{:?} is not a scale such as 1-5", args.review_scale),
                    )
                })?;
            let form = TravelPolicyForm {
                summit_id: summit.id,
                currency: summit.data.currency.to_string(),
                pool: args.pool,
                airfare: args.airfare,
                airfare_domestic: args.airfare_domestic,
                airfare_international: args.airfare_international,
                domestic_country: args.domestic_country,
                lodging_per_night: args.lodging_per_night,
                lodging_max_nights: args.max_nights,
                ground: args.ground,
                visa: args.visa,
                other: args.other,
                accept_by_days: args.accept_by_days,
                review_min: low,
                review_max: high,
            };
            let p = store
                .set_travel_policy(&form.parse()?, &args.actor, SystemClock.now())
                .await?;
            println!(
                "travel policy of {} set: pool {}, airfare {}, lodging {} a night",
                summit.data.slug, p.pool, p.airfare_cap, p.lodging_per_night
            );
            Ok(())
        }
        PolicyCommand::Show { summit, json } => {
            let summit = store.summit_by_slug(&summit).await?;
            let Some(p) = store.travel_policy(summit.id).await? else {
                return Err(Error::invalid(
                    "summit",
                    format!("{} has no travel policy yet", summit.data.slug),
                ));
            };
            if json {
                return table::json(&p);
            }
            let money = store.travel_money(summit.id).await?;
            let nights = p.max_nights(summit.data.start_date, summit.data.end_date);
            let rows = vec![
                vec!["pool".into(), p.pool.to_string()],
                vec!["committed".into(), money.committed.to_string()],
                vec!["spent".into(), money.spent.to_string()],
                vec!["remaining".into(), opt_money(money.remaining)],
                vec!["airfare".into(), p.airfare_cap.to_string()],
                vec!["airfare domestic".into(), opt_money(p.airfare_domestic_cap)],
                vec![
                    "airfare international".into(),
                    opt_money(p.airfare_international_cap),
                ],
                vec!["domestic country".into(), table::opt(&p.domestic_country)],
                vec![
                    "lodging".into(),
                    format!("{} a night, at most {nights} nights", p.lodging_per_night),
                ],
                vec!["ground".into(), p.ground_cap.to_string()],
                vec!["visa".into(), p.visa_cap.to_string()],
                vec!["other".into(), p.other_cap.to_string()],
                vec!["accept within".into(), format!("{} days", p.accept_by_days)],
                vec![
                    "review scale".into(),
                    format!("{}–{}", p.review_min, p.review_max),
                ],
            ];
            table::print(&["POLICY", ""], &rows);
            Ok(())
        }
    }
}

fn moved(id: i64, status: TravelStatus) -> Result<()> {
    println!("travel request {id} is now {status}");
    Ok(())
}

pub async fn travel(store: &Store, command: TravelCommand) -> Result<()> {
    let clock = SystemClock;
    match command {
        TravelCommand::List {
            summit,
            status,
            json,
        } => {
            let summit = store.summit_by_slug(&summit).await?;
            let status = status
                .map(|s| TravelStatus::parse("status", &s))
                .transpose()?;
            let rows = store.travel_overview(summit.id, status).await?;
            if json {
                return table::json(&rows);
            }
            let lines: Vec<Vec<String>> = rows
                .iter()
                .map(|r| {
                    vec![
                        r.rank.to_string(),
                        r.id.to_string(),
                        r.speaker.clone(),
                        table::opt(&r.country),
                        if r.first_time { "yes" } else { "" }.into(),
                        r.score.map(|s| format!("{s:.1}")).unwrap_or_default(),
                        r.status.to_string(),
                        r.requested.to_string(),
                        opt_money(r.requested_base),
                        format!(
                            "{}{}",
                            opt_money(r.approved),
                            if r.pending { " (pending)" } else { "" }
                        ),
                        r.reimbursed.to_string(),
                    ]
                })
                .collect();
            table::print(
                &[
                    "RANK",
                    "ID",
                    "SPEAKER",
                    "COUNTRY",
                    "FIRST",
                    "SCORE",
                    "STATUS",
                    "REQUESTED",
                    "IN BASE",
                    "APPROVED",
                    "PAID",
                ],
                &lines,
            );
            let money = store.travel_money(summit.id).await?;
            println!(
                "pool {}: committed {}, spent {}, remaining {}",
                opt_money(money.pool),
                money.committed,
                money.spent,
                opt_money(money.remaining)
            );
            Ok(())
        }
        TravelCommand::Show { id, json } => {
            let d = store.travel_detail(id).await?;
            if json {
                return table::json(&d);
            }
            let r = &d.row;
            println!(
                "travel request {} — {} ({}), {}, rank {}",
                r.id,
                r.speaker,
                table::opt(&r.country),
                r.status,
                r.rank
            );
            let rows: Vec<Vec<String>> = TravelCategory::ALL
                .iter()
                .map(|c| {
                    let requested = d
                        .request
                        .data
                        .items
                        .iter()
                        .find(|i| i.category == *c)
                        .map(|i| i.requested);
                    let cap = d.caps.iter().find(|k| k.category == *c);
                    vec![
                        c.to_string(),
                        opt_money(requested),
                        d.approval
                            .as_ref()
                            .map(|a| a.approved(*c).to_string())
                            .unwrap_or_default(),
                        cap.map(|k| format!("{} ({})", k.cap, k.basis))
                            .unwrap_or_default(),
                    ]
                })
                .collect();
            table::print(&["CATEGORY", "REQUESTED", "APPROVED", "CAP"], &rows);
            println!(
                "paid {} of {}; pool remaining {}",
                r.reimbursed,
                opt_money(r.approved),
                opt_money(d.money.remaining)
            );
            for e in &d.history {
                println!(
                    "{}  {:<12} {:<10} {} → {}{}{}",
                    e.at.format("%Y-%m-%d %H:%M UTC"),
                    e.action,
                    e.actor,
                    e.state_before.as_deref().unwrap_or("-"),
                    e.state_after.as_deref().unwrap_or("-"),
                    e.amount.map(|m| format!("  {m}")).unwrap_or_default(),
                    e.reason
                        .as_deref()
                        .map(|r| format!("  ({r})"))
                        .unwrap_or_default()
                );
            }
            Ok(())
        }
        TravelCommand::Submit(args) => {
            let summit = store.summit_by_slug(&args.summit).await?;
            let items = [
                (TravelCategory::Airfare, args.airfare),
                (TravelCategory::Lodging, args.lodging),
                (TravelCategory::Ground, args.ground),
                (TravelCategory::Visa, args.visa),
                (TravelCategory::Other, args.other),
            ]
            .into_iter()
            .filter_map(|(category, amount)| {
                amount.map(|amount| TravelItemForm { category, amount })
            })
            .collect();
            let form = TravelRequestForm {
                summit_id: summit.id,
                speaker_id: args.speaker,
                currency: args.currency,
                origin_city: args.from_city,
                origin_country: args.from_country,
                depart_on: args.depart_on,
                return_on: args.return_on,
                lodging_nights: args.nights,
                notes: args.notes,
                items,
            };
            let r = store
                .submit_travel_request(&form.parse()?, clock.now())
                .await?;
            if args.json {
                return table::json(&r);
            }
            println!("submitted travel request {}", r.id);
            Ok(())
        }
        TravelCommand::Policy(command) => policy(store, command).await,
        TravelCommand::Review(a) => {
            let r = store
                .move_travel(a.id, TravelAction::StartReview, &a.actor, None, clock.now())
                .await?;
            moved(r.id, r.status)
        }
        TravelCommand::Score {
            id,
            actor,
            score,
            comment,
        } => {
            store
                .score_travel(id, &actor, score, comment.as_deref(), clock.now())
                .await?;
            println!("{actor} scored travel request {id}: {score}");
            Ok(())
        }
        TravelCommand::Approve(a) => {
            let (currency, base) = store.travel_currencies(a.id).await?;
            let amounts = [
                (TravelCategory::Airfare, a.airfare),
                (TravelCategory::Lodging, a.lodging),
                (TravelCategory::Ground, a.ground),
                (TravelCategory::Visa, a.visa),
                (TravelCategory::Other, a.other),
            ]
            .into_iter()
            .filter_map(|(category, amount)| {
                amount.map(|amount| TravelItemForm { category, amount })
            })
            .collect();
            let input = ApprovalForm {
                amounts,
                rate: a.rate,
                override_reason: a.override_reason,
                accept_by: a.accept_by,
            }
            .parse(currency, base)?;
            let plan = if a.dry_run {
                store
                    .preview_approval(a.id, &a.actor, &input, &clock)
                    .await?
            } else {
                store.approve_travel(a.id, &a.actor, &input, &clock).await?
            };
            if a.json {
                return table::json(&plan);
            }
            print_plan(&plan, !a.dry_run);
            Ok(())
        }
        TravelCommand::Confirm(a) => {
            let approval = store
                .confirm_travel_approval(a.id, &a.actor, clock.now())
                .await?;
            println!(
                "{} confirmed the approved {} of travel request {}",
                a.actor, approval.total, a.id
            );
            Ok(())
        }
        TravelCommand::Waitlist(a) => {
            let r = store
                .move_travel(
                    a.id,
                    TravelAction::Waitlist,
                    &a.actor,
                    a.reason.as_deref(),
                    clock.now(),
                )
                .await?;
            moved(r.id, r.status)
        }
        TravelCommand::Deny { id, actor, reason } => {
            let r = store
                .move_travel(id, TravelAction::Deny, &actor, Some(&reason), clock.now())
                .await?;
            moved(r.id, r.status)
        }
        TravelCommand::Accept(a) => {
            let r = store.accept_travel(a.id, &a.actor, &clock).await?;
            moved(r.id, r.status)
        }
        TravelCommand::Decline(a) => {
            let r = store
                .move_travel(
                    a.id,
                    TravelAction::Decline,
                    &a.actor,
                    a.reason.as_deref(),
                    clock.now(),
                )
                .await?;
            moved(r.id, r.status)
        }
        TravelCommand::Expire { id, summit, actor } => {
            if let Some(id) = id {
                let r = store.expire_travel(id, &actor, &clock).await?;
                return moved(r.id, r.status);
            }
            let slug = summit.unwrap_or_default();
            let summit = store.summit_by_slug(&slug).await?;
            let ids = store
                .expire_overdue_travel(summit.id, &actor, &clock)
                .await?;
            println!("expired {} offer(s) of {slug}: {ids:?}", ids.len());
            Ok(())
        }
        TravelCommand::Book(a) => {
            let request = store.travel_request(a.id).await?;
            let tz = match a.tz {
                Some(tz) => tz,
                None => store
                    .summit(request.data.summit_id)
                    .await?
                    .data
                    .tz
                    .to_string(),
            };
            let form = BookingForm {
                flight_ref: a.flight,
                hotel_ref: a.hotel,
                arrive: a.arrive,
                depart: a.depart,
                tz,
                nights: a.nights,
            };
            let r = store
                .book_travel(a.id, &a.actor, &form.parse()?, clock.now())
                .await?;
            moved(r.id, r.status)
        }
        TravelCommand::Receipt { id, actor, file } => {
            let receipt = store.attach_receipt(id, &actor, &file, clock.now()).await?;
            println!(
                "attached {} to travel request {id} as receipt {} (sha256 {}), kept in {}",
                receipt.file_name,
                receipt.id,
                receipt.sha256,
                store.receipts_dir().join(&receipt.stored_name).display()
            );
            Ok(())
        }
        TravelCommand::Pay(a) => {
            let (currency, base) = store.travel_currencies(a.id).await?;
            let form = PaymentForm {
                paid_on: a.on.unwrap_or_else(|| clock.now().date_naive().to_string()),
                amount: a.amount,
                rate: a.rate,
                reference: a.reference,
                last: a.last,
            };
            let r = store
                .pay_travel(a.id, &a.actor, &form.parse(currency, base)?, clock.now())
                .await?;
            let row = store.travel_detail(r.id).await?.row;
            println!(
                "paid; travel request {} has been paid {} of {} and is {}",
                r.id,
                row.reimbursed,
                opt_money(row.approved),
                r.status
            );
            Ok(())
        }
        TravelCommand::Withdraw(a) => {
            let r = store
                .move_travel(
                    a.id,
                    TravelAction::Withdraw,
                    &a.actor,
                    a.reason.as_deref(),
                    clock.now(),
                )
                .await?;
            moved(r.id, r.status)
        }
    }
}

pub async fn audit(store: &Store, command: AuditCommand) -> Result<()> {
    match command {
        AuditCommand::Verify { json } => {
            let report = store.verify_audit().await?;
            if json {
                table::json(&report)?;
            } else {
                for b in &report.breaks {
                    println!("row {}: {}", b.id, b.problem);
                }
            }
            match report.breaks.first() {
                None => {
                    if !json {
                        println!(
                            "audit log intact: {} rows, last hash {}",
                            report.rows, report.head
                        );
                    }
                    Ok(())
                }
                Some(first) => Err(Error::invalid(
                    "audit_log",
                    format!(
                        "the hash chain is broken in {} place(s), first at row {}: {}",
                        report.breaks.len(),
                        first.id,
                        first.problem
                    ),
                )),
            }
        }
        AuditCommand::Log { request, json } => {
            let entries = match request {
                Some(id) => store.audit_history("travel_request", id).await?,
                None => store.audit_log().await?,
            };
            if json {
                return table::json(&entries);
            }
            let rows: Vec<Vec<String>> = entries
                .iter()
                .map(|e| {
                    vec![
                        e.id.to_string(),
                        e.at.format("%Y-%m-%d %H:%M:%S").to_string(),
                        e.actor.clone(),
                        format!("{} {}", e.entity, e.entity_id),
                        e.action.clone(),
                        format!(
                            "{} → {}",
                            e.state_before.as_deref().unwrap_or("-"),
                            e.state_after.as_deref().unwrap_or("-")
                        ),
                        opt_money(e.amount),
                        table::opt(&e.reason),
                    ]
                })
                .collect();
            table::print(
                &[
                    "ID",
                    "WHEN (UTC)",
                    "WHO",
                    "WHAT",
                    "ACTION",
                    "STATUS",
                    "AMOUNT",
                    "REASON",
                ],
                &rows,
            );
            Ok(())
        }
    }
}

pub async fn export(store: &Store, args: TravelExport) -> Result<()> {
    let summit = store.summit_by_slug(&args.summit).await?;
    let csv = store
        .travel_report_csv(summit.id, SystemClock.now())
        .await?;
    if args.out.as_os_str() == "-" {
        let mut stdout = std::io::stdout().lock();
        return stdout
            .write_all(csv.as_bytes())
            .and_then(|()| stdout.flush())
            .map_err(Error::io(std::path::Path::new("standard output")));
    }
    roadie_core::files::write_atomically(&args.out, csv.into_bytes()).await?;
    println!(
        "wrote the travel report of {} to {} (internal: it holds personal data)",
        summit.data.slug,
        args.out.display()
    );
    Ok(())
}
