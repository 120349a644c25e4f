//! What may happen to a person on their own, with nobody touching them: a
//! comment runs out of patience, a follower leaves, asks to buy, a lead
//! buys, a customer lapses, buys again, turns advocate, an advocate
//! recommends the brand. And when the person next needs a visit.
//!
//! A day's chances are drawn from the person's own hazard stream, keyed by
//! (seed, day, person), in a fixed order. That is what makes people lazy:
//! after a visit, the days ahead are walked with the same draws the days
//! themselves would make (the levels fade in closed form), and the person
//! is filed in the calendar for the first day a chance comes true, a
//! waiting comment runs out of patience, or a level fades across a
//! threshold the counts watch (strong, engaged, aware). Eager and lazy
//! visits therefore draw the same numbers on the same days.

use super::super::attribution::{Cause, Outcome};
use super::super::audience::ledger::Record;
use super::super::audience::{Funnel, flag, pack_item};
use super::super::rng::{Rng, Stream};
use super::super::trace::TraceStep;
use super::super::types::{ContentType, Tone};
use super::react::{become_lead, unfollow};
use super::today::{ChunkOut, DayContext, Person};

/// A daily chance below this is taken as none: it keeps the walk from
/// drawing, day after day, for chances that would come true once in
/// thousands of years.
pub const HAZARD_FLOOR: f32 = 1e-6;

/// Days the walk looks ahead at most; a person whose chances did not come
/// true by then is visited to walk on.
const WALK_DAYS: u16 = 28;

/// The highest bit of a person's platform set: the last platform there is.
const LAST_PLATFORM: u32 = 7;

/// A comment that waited too long sours the person who wrote it (and
/// their friends may see it left unanswered tomorrow).
pub fn sour_if_ignored(person: &mut Person, ctx: &DayContext, out: &mut ChunkOut) {
    let p = ctx.params;
    let today = ctx.today();
    if person.comment_since == 0 || today - person.comment_since < p.reply_patience_days {
        return;
    }
    let cause = Cause::IgnoredComment;
    let was_strong = person.relationship >= p.strong_threshold;
    person.comment_since = 0;
    person.sentiment = (person.sentiment - p.sentiment_per_unanswered).max(-1.0);
    person.relationship = (person.relationship - p.relationship_per_unanswered).max(0.0);
    if was_strong && person.relationship < p.strong_threshold {
        person.fell_by = Some(cause);
    }
    person.touch = super::super::attribution::touch::with_soured_by(person.touch, Some(cause));
    person.story.ignored = person.story.ignored.saturating_add(1);
    person.fired = true;
    out.counts.unanswered += 1;
    out.ignored.push((person.index, person.comment_platform));
    if person.follows() {
        // Whether they leave on the spot is drawn from the day's own draws
        // for the comment (the hazard stream is the day's chances').
        let mut rng = Rng::keyed(ctx.seed, Stream::Patience, ctx.day, person.index as u64);
        if rng.chance(p.unfollow_when_ignored) {
            unfollow(person, today, cause, out);
            out.counts.ignored_unfollows += 1;
        }
    }
    out.note(person, TraceStep::Ignored, Some(cause));
}

/// What may come true for a person on one day, each with its daily
/// chance (`rates`, in this order).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Chance {
    /// A follower with a bond asks to buy: they become a lead.
    Inquiry,
    /// A lead buys.
    Buy,
    /// A lead nobody is in touch with goes cold: no longer about to buy.
    Cool,
    /// An unhappy customer lapses (and leaves, if they follow).
    Churn,
    /// A customer without a bond drifts away.
    Lapse,
    /// A customer buys again.
    Repeat,
    /// A happy, bonded customer becomes an advocate.
    Advocate,
    /// An advocate recommends the brand to friends.
    Recommend,
    /// A tired or unhappy follower leaves.
    Unfollow,
}

const CHANCES: [Chance; 9] = [
    Chance::Inquiry,
    Chance::Buy,
    Chance::Cool,
    Chance::Churn,
    Chance::Lapse,
    Chance::Repeat,
    Chance::Advocate,
    Chance::Recommend,
    Chance::Unfollow,
];

// `rates` is indexed by a chance's place in `CHANCES`.
const _: () = {
    let mut i = 0;
    while i < CHANCES.len() {
        assert!(CHANCES[i] as usize == i);
        i += 1;
    }
};

/// Each chance of the day for a person as they stand (a chance under the
/// floor counts as none).
fn rates(person: &Person, ctx: &DayContext) -> [f32; CHANCES.len()] {
    let p = ctx.params;
    let mut rates = [0.0f32; CHANCES.len()];
    let mood_factor = (1.0 + person.sentiment).clamp(0.0, 2.0) * p.conversion_sentiment_scale;
    let bond = selling_bond(person, ctx);
    let bond_factor = 1.0 + p.conversion_boost_per_relationship * bond;
    match person.funnel {
        Funnel::None => {
            if person.follows() {
                rates[Chance::Inquiry as usize] = inquiry(person, ctx);
            }
        }
        Funnel::Lead => {
            // A happy customer of a rival is hard to win (markets only).
            rates[Chance::Buy as usize] =
                p.lead_conversion_per_day * ctx.sales_speed * bond_factor * mood_factor * (1.0 - person.held);
            // A bond keeps the brand in touch with a lead who has not bought.
            rates[Chance::Cool as usize] = p.lead_cooling_per_day * (1.0 - bond).max(0.0);
        }
        Funnel::Customer | Funnel::Advocate => {
            if person.sentiment < p.churn_sentiment {
                rates[Chance::Churn as usize] = p.churn_per_day;
            }
            rates[Chance::Lapse as usize] = p.customer_lapse_per_day * (1.0 - bond).max(0.0);
            rates[Chance::Repeat as usize] =
                p.repeat_purchase_per_day * ctx.sales_speed * bond_factor * mood_factor;
            if person.funnel == Funnel::Customer
                && person.relationship >= p.advocate_relationship
                && person.sentiment >= p.advocate_sentiment
            {
                rates[Chance::Advocate as usize] = p.advocate_per_day;
            } else if person.funnel == Funnel::Advocate {
                rates[Chance::Recommend as usize] = p.advocate_share_per_day;
            }
        }
    }
    if person.follows() {
        rates[Chance::Unfollow as usize] =
            p.unfollow_at_full_fatigue * person.fatigue * person.fatigue * (1.0 - person.relationship)
                + p.unfollow_per_negative_sentiment * (-person.sentiment).max(0.0);
    }
    for rate in &mut rates {
        if rate.is_nan() || *rate < HAZARD_FLOOR {
            *rate = 0.0;
        }
    }
    rates
}

/// A bonded follower's daily chance of asking to buy: their bond, squared,
/// at the full rate once an offer or an ad showed them what to buy, else
/// at its unprompted share.
fn inquiry(person: &Person, ctx: &DayContext) -> f32 {
    let p = ctx.params;
    let prompted = ctx.mechanisms.calls_to_action && person.flags & flag::OFFERED != 0;
    let share = if prompted { 1.0 } else { p.inquiry_unprompted };
    p.inquiry_per_day * share * person.relationship * person.relationship * ctx.sales_speed
}

/// The bond that buying and staying go by (none when bonds do not sell).
fn selling_bond(person: &Person, ctx: &DayContext) -> f32 {
    if ctx.mechanisms.bonds_sell {
        person.relationship
    } else {
        0.0
    }
}

/// Which chance, if any, comes true for a uniform draw `u` of the day: at
/// most one a day, each at its own rate (competing chances).
fn which(rates: &[f32; CHANCES.len()], u: f32) -> Option<Chance> {
    let mut below = 0.0f32;
    for (rate, chance) in rates.iter().zip(CHANCES) {
        below += rate;
        if u < below {
            return Some(chance);
        }
    }
    None
}

/// A bound on every later day's total chance while nothing touches the
/// person: each chance can only fall as their levels fade (fatigue and a
/// bond fade, a mood drifts back toward neutral, a rival's hold on a lead
/// cannot go below none).
fn bound(person: &Person, ctx: &DayContext) -> f32 {
    let p = ctx.params;
    let mood_factor = (1.0 + person.sentiment).clamp(1.0, 2.0) * p.conversion_sentiment_scale;
    let bond_factor = 1.0 + p.conversion_boost_per_relationship * selling_bond(person, ctx);
    let mut total = 0.0f32;
    match person.funnel {
        Funnel::None => {
            if person.follows() {
                total += inquiry(person, ctx);
            }
        }
        Funnel::Lead => {
            // Cooling can only rise as the bond fades.
            total += p.lead_conversion_per_day * ctx.sales_speed * bond_factor * mood_factor
                + p.lead_cooling_per_day;
        }
        Funnel::Customer | Funnel::Advocate => {
            if person.sentiment < p.churn_sentiment {
                total += p.churn_per_day;
            }
            total += p.customer_lapse_per_day;
            total += p.repeat_purchase_per_day * ctx.sales_speed * bond_factor * mood_factor;
            total += p.advocate_per_day.max(p.advocate_share_per_day);
        }
    }
    if person.follows() {
        total += p.unfollow_at_full_fatigue * person.fatigue * person.fatigue
            + p.unfollow_per_negative_sentiment * (-person.sentiment).max(0.0);
    }
    // Rounding: the bound is compared with the same draws as the rates.
    total * 1.001 + 1e-7
}

/// The chances of day `today` (as stored): one draw from the person's
/// hazard stream decides which comes true, if any. `person.fired` tells.
pub fn chances(person: &mut Person, ctx: &DayContext, today: u16, rng: &mut Rng, out: &mut ChunkOut) {
    let rates = rates(person, ctx);
    if rates.iter().all(|&r| r == 0.0) {
        return;
    }
    if let Some(chance) = which(&rates, rng.unit_f32()) {
        come_true(person, chance, ctx, today, rng, out);
    }
}

/// What a chance does when it comes true.
fn come_true(
    person: &mut Person,
    chance: Chance,
    ctx: &DayContext,
    today: u16,
    rng: &mut Rng,
    out: &mut ChunkOut,
) {
    person.fired = true;
    match chance {
        Chance::Inquiry => {
            // They ask of their own accord: the last touch tipped it.
            become_lead(person, today, person.last_touch(), out);
            out.note(person, TraceStep::Funnel, Some(person.last_touch()));
        }
        Chance::Buy => {
            out.purchases.push(super::today::Purchase {
                person: person.index,
                day: today,
                relationship: person.relationship,
                contacted: person.story.replies_received > 0 || person.story.brand_contacts > 0,
            });
            person.funnel = Funnel::Customer;
            person.story.customer_day = today;
            out.counts.new_customers += 1;
            let cause = person.last_touch();
            out.credit_stock(Outcome::Customer, cause, person);
            out.note(person, TraceStep::Funnel, Some(cause));
            // New customers come to the brand's own pages.
            if !person.follows() && rng.chance(ctx.params.follow_after_purchase) {
                super::react::follow(person, ctx.params, today, cause, out);
            }
        }
        Chance::Cool => {
            person.funnel = Funnel::None;
            out.counts.cooled_leads += 1;
            out.note(person, TraceStep::Funnel, Some(Cause::Drift));
        }
        Chance::Churn | Chance::Lapse => {
            // Unhappy customers lapse; so, slowly, do customers without a
            // bond, who have no reason to come back to this brand.
            let unhappy = chance == Chance::Churn;
            let cause = if unhappy {
                person.mood_cause()
            } else {
                Cause::Drift
            };
            if person.funnel == Funnel::Advocate {
                out.credit(Outcome::AdvocateLost, cause);
            }
            person.funnel = Funnel::None;
            person.flags |= flag::CHURNED;
            out.counts.churned_customers += 1;
            out.credit(Outcome::Lapse, cause);
            if unhappy && person.follows() {
                unfollow(person, today, cause, out);
            }
            out.note(person, TraceStep::Funnel, Some(cause));
        }
        // Loyal customers buy again, the more so the closer the bond.
        Chance::Repeat => out.counts.repeat_purchases += 1,
        Chance::Advocate => {
            person.funnel = Funnel::Advocate;
            out.credit(Outcome::Advocate, person.last_touch());
            out.note(person, TraceStep::Funnel, Some(person.last_touch()));
        }
        Chance::Recommend => {
            // Advocates recommend the brand on a platform they use.
            let platform = person.platforms.trailing_zeros().min(LAST_PLATFORM) as u8;
            out.share(
                person.index,
                pack_item(platform, ContentType::Conversation, Tone::Personal),
                true,
            );
            out.note(person, TraceStep::Funnel, Some(Cause::Recommendation));
        }
        Chance::Unfollow => {
            // Credited to the larger of the two pulls (fatigue on a tie).
            let p = ctx.params;
            let tired =
                p.unfollow_at_full_fatigue * person.fatigue * person.fatigue * (1.0 - person.relationship);
            let unhappy = p.unfollow_per_negative_sentiment * (-person.sentiment).max(0.0);
            let cause = if tired >= unhappy {
                Cause::Fatigue
            } else {
                person.mood_cause()
            };
            unfollow(person, today, cause, out);
            out.note(person, TraceStep::DriftedAway, Some(cause));
        }
    }
}

/// The hazard stream of `person` on day `today` (as stored).
pub fn hazard_rng(ctx: &DayContext, today: u16, person: u32) -> Rng {
    ctx.hazard_rng(today, person)
}

/// The record stored for a person at the end of their day.
pub fn record_of(person: &Person, today: u16) -> Record {
    Record {
        awareness: person.awareness.clamp(0.0, 1.0),
        relationship: person.relationship.clamp(0.0, 1.0),
        sentiment: person.sentiment.clamp(-1.0, 1.0),
        fatigue: person.fatigue.clamp(0.0, 1.0),
        stamp: today,
        flags: person.flags,
        funnel: person.funnel,
        comment_since: person.comment_since,
        comment_platform: person.comment_platform,
        last_contact: person.last_contact,
        story: person.story,
    }
}

/// The day (as stored) the person next needs a visit, with `record` as
/// they stand tonight, or 0 for none before the game ends. `rivals`: their
/// records with the market's other brands (a rival's customer resists).
pub fn next_visit(
    record: &Record,
    person: &Person,
    ctx: &DayContext,
    today: u16,
    rivals: &[Record],
    scratch: &mut ChunkOut,
) -> u16 {
    let last = ctx.last_day;
    if today >= last {
        return 0;
    }
    let mut soon = last + 1;
    // A waiting comment runs out of patience on a known day.
    if record.comment_since != 0 {
        soon = soon.min((record.comment_since + ctx.params.reply_patience_days).max(today + 1));
    }
    soon = soon.min(crossing(record, ctx, today, soon));
    // The chances of the days before, walked with the days' own draws:
    // a day whose draw is above the bound on every chance to come cannot
    // come true, and needs no closer look.
    let start = on_day(record, person, ctx, today + 1, rivals);
    let top = bound(&start, ctx);
    if top >= HAZARD_FLOOR {
        let walk_end = soon.min(today.saturating_add(WALK_DAYS));
        let mut day = today + 1;
        while day < soon {
            let u = hazard_rng(ctx, day, person.index).unit_f32();
            if u < top {
                let ahead = on_day(record, person, ctx, day, rivals);
                if which(&rates(&ahead, ctx), u).is_some() {
                    soon = day;
                    break;
                }
            }
            if day >= walk_end {
                // Nothing by the walk's end: look again from the next day.
                soon = day + 1;
                break;
            }
            day += 1;
        }
    }
    let _ = scratch;
    if soon > last { 0 } else { soon }
}

/// The person as they would stand on `day`, nothing happening before it.
fn on_day(record: &Record, person: &Person, ctx: &DayContext, day: u16, rivals: &[Record]) -> Person {
    let levels = record.levels_on(day, &ctx.decay);
    Person {
        awareness: levels.awareness,
        relationship: levels.relationship,
        sentiment: levels.sentiment,
        fatigue: levels.fatigue,
        flags: record.flags,
        funnel: record.funnel,
        comment_since: record.comment_since,
        story: record.story,
        held: held_on(rivals, ctx, day),
        fired: false,
        ..*person
    }
}

/// How firmly the firmest rival holds the person as its customer on `day`.
pub fn held_on(rivals: &[Record], ctx: &DayContext, day: u16) -> f32 {
    let mut held = 0.0f32;
    for rival in rivals {
        if rival.funnel == Funnel::Customer || rival.funnel == Funnel::Advocate {
            let levels = rival.levels_on(day, &ctx.decay);
            held = held.max(ctx.hold(levels.relationship, levels.sentiment));
        }
    }
    held
}

/// The first day after `today` and before `before` on which a level
/// crosses a threshold the counts watch with nothing happening: a strong
/// bond cooling below strong, a follower's bond below engaged, a known
/// stranger's awareness below aware. `before` if none.
fn crossing(record: &Record, ctx: &DayContext, today: u16, before: u16) -> u16 {
    let decay = &*ctx.decay;
    let at = ctx.thresholds;
    let mut soon = before;
    let mut first = |stored: f32, from: u16, powers: &super::super::audience::Powers, threshold: f32| {
        // Nights of fading counted from `from`; today's level must be at or
        // above the threshold for a crossing to come.
        let now = (today.saturating_sub(from)) as u32;
        if stored * powers.at(now) < threshold {
            return;
        }
        let end = (before - 1).saturating_sub(from) as u32;
        if end <= now {
            return;
        }
        if let Some(n) = powers.first_below(stored, threshold, now + 1, end) {
            soon = soon.min(from + n as u16);
        }
    };
    let cooling_from = decay.cooling_from(record.stamp, record.last_contact);
    let fading = decay.bond_fading(record.last_contact);
    first(record.relationship, cooling_from, fading, at.strong);
    if record.follows() && record.funnel == Funnel::None {
        first(record.relationship, cooling_from, fading, at.engaged);
    } else if !record.follows()
        && record.funnel == Funnel::None
        && record.flags & (flag::LEFT | flag::CHURNED) == 0
    {
        first(record.awareness, record.stamp, &decay.awareness, at.aware);
    }
    soon
}

#[cfg(test)]
mod tests {
    use super::super::today::testing::{context, stranger};
    use super::*;
    use crate::sim::attribution::touch;
    use crate::sim::audience::Decay;
    use crate::sim::scenario::Scenario;

    fn bakery() -> Scenario {
        Scenario::for_tests(10)
    }

    /// `count` people like `who` through one day's chances each (draws
    /// keyed by `key`); `check` sees each one after it.
    fn after_a_day(
        scenario: &Scenario,
        who: Person,
        count: u64,
        key: u64,
        check: impl Fn(&Person),
    ) -> ChunkOut {
        let ctx = context(scenario);
        let mut out = ChunkOut::default();
        for n in 0..count {
            let mut person = Person {
                index: n as u32,
                ..who
            };
            let mut rng = Rng::keyed(key, Stream::Hazard, 4, n);
            chances(&mut person, &ctx, 4, &mut rng, &mut out);
            check(&person);
        }
        out
    }

    #[test]
    fn a_lead_buys_by_the_sentiment_scale() {
        let mut scenario = bakery();
        scenario.model.lead_conversion_per_day = 1.0;
        let lead = Person {
            funnel: Funnel::Lead,
            ..stranger()
        };
        let buyers = |scenario: &Scenario| after_a_day(scenario, lead, 200, 2, |_| {}).counts.new_customers;
        // 1 x (1 + sentiment 0.5) x the scale: three in four at the default.
        let at_default = buyers(&scenario);
        assert!((120..180).contains(&at_default), "{at_default}");
        scenario.model.conversion_sentiment_scale = 1.0;
        assert_eq!(buyers(&scenario), 200);
        scenario.model.conversion_sentiment_scale = 0.0;
        assert_eq!(buyers(&scenario), 0);
    }

    #[test]
    fn customers_without_a_bond_drift_away_and_bonded_ones_stay() {
        let mut scenario = bakery();
        scenario.model.customer_lapse_per_day = 1.0;
        scenario.model.repeat_purchase_per_day = 0.0;
        let lapsed = |scenario: &Scenario, relationship: f32| {
            let customer = Person {
                funnel: Funnel::Customer,
                relationship,
                ..stranger()
            };
            after_a_day(scenario, customer, 200, 3, |c| {
                assert_eq!(c.funnel == Funnel::None, c.flags & flag::CHURNED != 0);
                assert_eq!(c.fired, c.funnel != Funnel::Customer);
            })
            .counts
            .churned_customers
        };
        assert_eq!(lapsed(&scenario, 0.0), 200);
        let bonded = lapsed(&scenario, 0.9);
        assert!((5..45).contains(&bonded), "{bonded}");
        scenario.model.customer_lapse_per_day = 0.0;
        assert_eq!(lapsed(&scenario, 0.0), 0);
    }

    #[test]
    fn a_customer_buys_again_by_the_bond() {
        let mut scenario = bakery();
        scenario.model.customer_lapse_per_day = 0.0;
        scenario.model.repeat_purchase_per_day = 0.2;
        let repeats = |scenario: &Scenario, relationship: f32| {
            let customer = Person {
                funnel: Funnel::Customer,
                relationship,
                ..stranger()
            };
            after_a_day(scenario, customer, 500, 4, |_| {})
                .counts
                .repeat_purchases
        };
        // 0.2 x (1 + sentiment 0.5) x 0.5: about 15% without a bond.
        let stranger_rate = repeats(&scenario, 0.0);
        assert!((45..110).contains(&stranger_rate), "{stranger_rate}");
        assert!(repeats(&scenario, 0.5) > 2 * stranger_rate);
        scenario.model.repeat_purchase_per_day = 0.0;
        assert_eq!(repeats(&scenario, 1.0), 0);
    }

    #[test]
    fn a_purchase_goes_to_the_last_touch_and_a_lapse_to_what_soured_them() {
        let mut scenario = bakery();
        scenario.model.lead_conversion_per_day = 1.0;
        scenario.model.conversion_sentiment_scale = 1.0;
        scenario.model.churn_per_day = 1.0;
        let lead = Person {
            funnel: Funnel::Lead,
            touch: touch::with_last(0, Cause::Reply),
            ..stranger()
        };
        let out = after_a_day(&scenario, lead, 1, 6, |p| assert_eq!(p.funnel, Funnel::Customer));
        assert_eq!(out.counts.attribution.get(Outcome::Customer, Cause::Reply), 1);
        let advocate = Person {
            funnel: Funnel::Advocate,
            flags: flag::FOLLOWS,
            sentiment: -1.0,
            touch: touch::with_soured_by(0, Some(Cause::ReviewStorm)),
            ..stranger()
        };
        let out = after_a_day(&scenario, advocate, 1, 6, |_| {});
        let a = &out.counts.attribution;
        for outcome in [Outcome::Lapse, Outcome::AdvocateLost, Outcome::Unfollow] {
            assert_eq!(a.get(outcome, Cause::ReviewStorm), 1, "{outcome:?}");
        }
        assert_eq!((out.counts.churned_customers, out.counts.unfollows), (1, 1));
        // Untouched by the game, a lead who buys is credited to how they stood.
        let untouched = Person {
            funnel: Funnel::Lead,
            ..stranger()
        };
        let out = after_a_day(&scenario, untouched, 1, 6, |_| {});
        assert_eq!(out.counts.attribution.get(Outcome::Customer, Cause::Start), 1);
    }

    #[test]
    fn a_bonded_follower_asks_to_buy_more_readily_once_shown_an_offer() {
        let mut scenario = bakery();
        scenario.model.inquiry_per_day = 0.01;
        scenario.model.inquiry_unprompted = 0.25;
        let ctx = context(&scenario);
        let bonded = |flags| Person {
            flags,
            relationship: 0.8,
            ..stranger()
        };
        let unprompted = rates(&bonded(flag::FOLLOWS), &ctx)[0];
        let prompted = rates(&bonded(flag::FOLLOWS | flag::OFFERED), &ctx)[0];
        assert!((prompted - 0.01 * 0.64).abs() < 1e-6, "{prompted}");
        assert!((unprompted - prompted * 0.25).abs() < 1e-6, "{unprompted}");
        // The walk's bound covers the chance either way.
        assert!(bound(&bonded(flag::FOLLOWS), &ctx) >= unprompted);
        assert!(bound(&bonded(flag::FOLLOWS | flag::OFFERED), &ctx) >= prompted);
        // Without calls to action, an offer seen prompts nobody.
        scenario.mechanisms.calls_to_action = false;
        let ctx = context(&scenario);
        assert_eq!(rates(&bonded(flag::FOLLOWS | flag::OFFERED), &ctx)[0], unprompted);
    }

    #[test]
    fn a_lead_nobody_is_in_touch_with_goes_cold_and_a_bonded_one_less_so() {
        let mut scenario = bakery();
        scenario.model.lead_cooling_per_day = 0.04;
        let ctx = context(&scenario);
        let lead = |relationship| Person {
            funnel: Funnel::Lead,
            relationship,
            ..stranger()
        };
        let cold = rates(&lead(0.0), &ctx)[2];
        let warm = rates(&lead(0.75), &ctx)[2];
        assert!((cold - 0.04).abs() < 1e-6, "{cold}");
        assert!((warm - 0.01).abs() < 1e-6, "{warm}");
        // The walk's bound covers the most a fading bond can leave.
        assert!(bound(&lead(0.75), &ctx) >= rates(&lead(0.0), &ctx).iter().sum::<f32>() - 1e-6);
        // Gone cold, the lead stands where they stood before asking.
        let mut scenario = bakery();
        scenario.model.lead_conversion_per_day = 0.0;
        scenario.model.lead_cooling_per_day = 1.0;
        after_a_day(&scenario, lead(0.0), 1, 6, |p| assert_eq!(p.funnel, Funnel::None));
    }

    /// The record of `person` stored on `day`.
    fn stored(person: &Person, day: u16) -> Record {
        record_of(person, day)
    }

    #[test]
    fn the_walk_files_the_first_day_the_daily_draws_come_true() {
        // Followers tired of the brand, walked ahead from day 1; the day the
        // walk files is the first day the same draws, made day by day with
        // the levels faded in closed form, make one leave (or later).
        let mut scenario = bakery();
        scenario.weeks = 30;
        scenario.model.unfollow_at_full_fatigue = 0.5;
        scenario.model.inquiry_per_day = 0.0;
        let ctx = context(&scenario);
        let mut scratch = ChunkOut::default();
        for n in 0..300u32 {
            let who = Person {
                index: n,
                flags: flag::FOLLOWS,
                fatigue: 0.9,
                sentiment: -0.2,
                ..stranger()
            };
            let record = stored(&who, 1);
            let filed = next_visit(&record, &who, &ctx, 1, &[], &mut scratch);
            // Day by day, as an eager pass does.
            let mut by_day = 0;
            for day in 2..=ctx.last_day {
                let levels = record.levels_on(day, &ctx.decay);
                let mut person = Person {
                    awareness: levels.awareness,
                    relationship: levels.relationship,
                    sentiment: levels.sentiment,
                    fatigue: levels.fatigue,
                    ..who
                };
                let mut rng = hazard_rng(&ctx, day, n);
                chances(&mut person, &ctx, day, &mut rng, &mut ChunkOut::default());
                if person.fired {
                    by_day = day;
                    break;
                }
            }
            if filed != 0 && filed != by_day {
                // Filed earlier: a visit to walk on (nothing came true yet).
                assert!(
                    filed < by_day || by_day == 0,
                    "{n}: filed {filed}, came true {by_day}"
                );
                assert_eq!(
                    filed,
                    1 + WALK_DAYS + 1,
                    "{n}: a walk resumes the day after its end"
                );
            } else {
                assert_eq!(filed, by_day, "{n}");
            }
        }
    }

    #[test]
    fn filed_days_follow_the_daily_chance_in_distribution() {
        // A lead with a constant chance p a day: the first day it comes true
        // is geometric with mean 1 / p; the walk's days must look so.
        let mut scenario = bakery();
        scenario.weeks = 60;
        scenario.model.lead_conversion_per_day = 0.15;
        scenario.model.lead_cooling_per_day = 0.05;
        scenario.model.conversion_boost_per_relationship = 0.0;
        scenario.model.conversion_sentiment_scale = 1.0;
        scenario.model.sentiment_drift_per_day = 0.0;
        let ctx = context(&scenario);
        // Buying (0.15 x (1 + sentiment 0) x 1) or going cold (0.05 x (1 -
        // no bond)): whichever comes first ends the wait.
        let p = 0.2f64;
        let mut scratch = ChunkOut::default();
        let mut counts = [0u64; 8];
        let people = 4000u32;
        for n in 0..people {
            let lead = Person {
                index: n,
                funnel: Funnel::Lead,
                sentiment: 0.0,
                ..stranger()
            };
            let mut at = 1u16;
            let mut record = stored(&lead, at);
            // Follow the walk's visits until the purchase comes true.
            loop {
                let next = next_visit(&record, &lead, &ctx, at, &[], &mut scratch);
                assert_ne!(next, 0);
                let mut person = Person { ..lead };
                let mut rng = hazard_rng(&ctx, next, n);
                chances(&mut person, &ctx, next, &mut rng, &mut ChunkOut::default());
                if person.fired {
                    let wait = (next - 1) as usize;
                    counts[(wait - 1).min(7)] += 1;
                    break;
                }
                at = next;
                record = stored(&lead, at);
            }
        }
        // Chi-square against geometric(p) over 1..7 and 8+.
        let mut chi = 0.0;
        for (k, &seen) in counts.iter().enumerate() {
            let expected = if k < 7 {
                people as f64 * (1.0 - p).powi(k as i32) * p
            } else {
                people as f64 * (1.0 - p).powi(7)
            };
            chi += (seen as f64 - expected).powi(2) / expected;
        }
        // 7 degrees of freedom: 24.3 is the 0.1% critical value.
        assert!(chi < 24.3, "chi-square {chi}: {counts:?}");
    }

    #[test]
    fn a_strong_bond_left_alone_is_visited_the_day_it_cools_below_strong() {
        let scenario = bakery();
        let ctx = context(&scenario);
        let who = Person {
            relationship: 0.6,
            last_contact: 3,
            ..stranger()
        };
        let record = stored(&who, 3);
        let day = crossing(&record, &ctx, 3, ctx.last_day + 1);
        let decay = Decay::new(&scenario.model, scenario.days());
        assert!(record.levels_on(day, &decay).relationship < 0.5);
        assert!(record.levels_on(day - 1, &decay).relationship >= 0.5);
        assert!(day > 3 + scenario.model.relationship_grace_days);
    }
}
