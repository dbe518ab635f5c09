using CampaignEngine.Core.Modules;
using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.Features.Certificates.Nominations;
using CampaignEngine.Web.Features.Certificates;
using CampaignEngine.Web.Infrastructure.Database;
using CampaignEngine.Web.ModuleHost;
using Dapper;

namespace CampaignEngine.Web.Features.Pledges;

internal sealed record FulfilmentInput(decimal? Amount, string? Currency, decimal? Hours, string? Evidence);

internal sealed record FulfilmentRow
{
    public long Id { get; init; }
    public long PledgeId { get; init; }
    public decimal? Amount { get; init; }
    public string? Currency { get; init; }
    public decimal? AmountUsd { get; init; }
    public decimal? Hours { get; init; }
    public string? Evidence { get; init; }
    public string Status { get; init; } = "";
    public long RecordedBy { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
    public long? DecidedBy { get; init; }
    public string? Reason { get; init; }
}

/// <summary>
/// Money or hours that actually arrived, with evidence (a bank reference, a receipt). It counts only
/// after a second person approves it — another leader of the organisation or an officer — because
/// "where did the money go?" is the first question donors ask.
/// </summary>
internal sealed class Fulfilments(
    Db db, Rates rates, TimeProvider clock, ModuleEvents events, ContributionReasons reasons, Audit.AuditLog audit)
{
    public (long? Id, string? Field, string? Error) Record(PledgeRow pledge, FulfilmentInput input, CurrentUser user)
    {
        if (pledge.Status is "cancelled" or "written_off" or "fulfilled") return (null, "status", $"A {pledge.Status} pledge takes no fulfilment.");
        if (pledge.Kind == "money")
        {
            if (input.Amount is not > 0) return (null, "amount", "Give the amount received, greater than zero.");
            var currency = (input.Currency ?? pledge.Currency ?? "").ToUpperInvariant();
            if (!rates.IsKnown(currency)) return (null, "currency", $"Unknown currency '{currency}'.");
            input = input with { Currency = currency };
        }
        else if (pledge.Kind == "time" && input.Hours is not > 0) return (null, "hours", "Give the hours given, greater than zero.");
        if (string.IsNullOrWhiteSpace(input.Evidence)) return (null, "evidence", "Give the evidence: a bank reference, a receipt number or a link.");
        if (input.Evidence.Length > 1000) return (null, "evidence", "Keep the evidence under 1,000 characters.");

        var now = clock.GetUtcNow();
        using var connection = db.Open();
        var id = connection.ExecuteScalar<long>("""
            INSERT INTO pledge_fulfilment (pledge_id, amount, currency, amount_usd, hours, evidence, status, recorded_by, recorded_at)
            VALUES (@pledgeId, @Amount, @Currency, @usd, @Hours, @Evidence, 'awaiting_approval', @userId, @now)
            RETURNING id
            """, new
        {
            pledgeId = pledge.Id, input.Amount, input.Currency, input.Hours, Evidence = input.Evidence.Trim(), userId = user.Id, now,
            usd = pledge.Kind == "money" ? rates.ToUsd(input.Amount!.Value, input.Currency!, now) : null,
        });
        audit.Record(user, "fulfilment.record", $"fulfilment/{id}", new { pledge = pledge.Id });
        return (id, null, null);
    }

    public FulfilmentRow? Find(long id)
    {
        using var connection = db.Open();
        return connection.QuerySingleOrDefault<FulfilmentRow>("""
            SELECT id, pledge_id AS PledgeId, amount, currency, amount_usd AS AmountUsd, hours, evidence, status,
                   recorded_by AS RecordedBy, recorded_at AS RecordedAt, decided_by AS DecidedBy, reason
            FROM pledge_fulfilment WHERE id = @id
            """, new { id });
    }

    /// <summary>
    /// Money and hours that wait for this user's approval: in their scope, recorded by someone else (four eyes), oldest
    /// first. Oblast users approve nothing, so their list is empty.
    /// </summary>
    public IReadOnlyList<FulfilmentRow> AwaitingApprovalBy(CurrentUser user, int limit = 20)
    {
        if (user.Role == Roles.Oblast) return [];
        var scope = AccessScope.Of(user).ForPeopleById("p.home_region", "p.compatriot_id");
        using var connection = db.Open();
        return connection.Query<FulfilmentRow>($"""
            SELECT f.id, f.pledge_id AS PledgeId, f.amount, f.currency, f.amount_usd AS AmountUsd, f.hours, f.evidence, f.status,
                   f.recorded_by AS RecordedBy, f.recorded_at AS RecordedAt, f.decided_by AS DecidedBy, f.reason
            FROM pledge_fulfilment f JOIN pledge p ON p.id = f.pledge_id
            WHERE f.status = 'awaiting_approval' AND f.recorded_by <> @userId AND {scope.Sql}
            ORDER BY f.recorded_at, f.id LIMIT @limit
            """, scope.With(new { userId = user.Id, limit })).ToList();
    }

    public IReadOnlyList<FulfilmentRow> ForPledge(long pledgeId)
    {
        using var connection = db.Open();
        return connection.Query<FulfilmentRow>("""
            SELECT id, pledge_id AS PledgeId, amount, currency, amount_usd AS AmountUsd, hours, evidence, status,
                   recorded_by AS RecordedBy, recorded_at AS RecordedAt, decided_by AS DecidedBy, reason
            FROM pledge_fulfilment WHERE pledge_id = @pledgeId ORDER BY id
            """, new { pledgeId }).ToList();
    }

    /// <summary>
    /// Approves (four eyes: never by the person who recorded it) and adds it to the pledge; a pledge whose
    /// approved fulfilments reach its amount or hours becomes fulfilled and modules hear of it (in jobs, after the commit).
    /// </summary>
    public string? Approve(FulfilmentRow fulfilment, PledgeRow pledge, CurrentUser user)
    {
        if (fulfilment.Status != "awaiting_approval") return $"This fulfilment is already {fulfilment.Status}.";
        if (fulfilment.RecordedBy == user.Id) return "A fulfilment must be approved by someone other than the person who recorded it.";
        var now = clock.GetUtcNow();
        string status;
        IReadOnlyList<long> deliveries;
        using (var connection = db.Open())
        using (var transaction = connection.BeginTransaction())
        {
            var changed = connection.Execute("""
                UPDATE pledge_fulfilment SET status = 'approved', decided_by = @userId, decided_at = @now
                WHERE id = @Id AND status = 'awaiting_approval'
                """, new { fulfilment.Id, userId = user.Id, now }, transaction);
            if (changed == 0) return "This fulfilment was decided a moment ago.";
            var (fulfilledUsd, fulfilledHours) = connection.QuerySingle<(decimal, decimal)>("""
                SELECT COALESCE(SUM(amount_usd), 0), COALESCE(SUM(hours), 0) FROM pledge_fulfilment
                WHERE pledge_id = @PledgeId AND status = 'approved'
                """, new { fulfilment.PledgeId }, transaction);
            var complete = pledge.Kind switch
            {
                "money" => fulfilledUsd >= (pledge.AmountUsd ?? decimal.MaxValue) - 0.005m,
                "time" => fulfilledHours >= (pledge.Hours ?? decimal.MaxValue),
                _ => true,   // goods handed over: one approved fulfilment completes it
            };
            status = complete && pledge.Recurring is null ? "fulfilled" : "partially_fulfilled";
            connection.Execute("""
                UPDATE pledge SET fulfilled_usd = @fulfilledUsd, fulfilled_hours = @fulfilledHours, status = @status, updated_at = @now
                WHERE id = @PledgeId
                """, new { fulfilledUsd, fulfilledHours, status, now, fulfilment.PledgeId }, transaction);
            // Modules hear of it and may nominate the donor for a certificate, which an oblast user then approves: the
            // event is written with the pledge's new status, so neither exists without the other.
            deliveries = status == "fulfilled" && events.IsHandled<PledgeFulfilled>()
                ? events.Record(connection, transaction, Fulfilled(pledge, fulfilledUsd, fulfilledHours))
                : [];
            transaction.Commit();
        }
        audit.Record(user, "fulfilment.approve", $"fulfilment/{fulfilment.Id}", new { pledge = pledge.Id, status });
        events.Deliver(deliveries);
        return null;
    }

    private PledgeFulfilled Fulfilled(PledgeRow pledge, decimal fulfilledUsd, decimal fulfilledHours)
    {
        var (reason, language) = Reason(pledge);
        return new PledgeFulfilled(pledge.Id, pledge.CompatriotId, pledge.HomeRegion, fulfilledUsd, fulfilledHours, reason, language);
    }

    /// <summary>
    /// What the fulfilled pledge was, as a certificate proposed for it says (in every language), and the donor's
    /// language: the project it went to, else the public title of the appeal it answered, else the home region.
    /// </summary>
    private (Core.Reference.LocalizedText Reason, string Language) Reason(PledgeRow pledge)
    {
        using var connection = db.Open();
        var language = connection.ExecuteScalar<string?>("SELECT language FROM directory_compatriot WHERE id = @CompatriotId", new { pledge.CompatriotId });
        var campaign = pledge.CampaignId is { } campaignId
            ? connection.QuerySingleOrDefault<(string Name, string? Ky, string? Ru, string? En)>(
                "SELECT name, title_ky, title_ru, title_en FROM campaign WHERE id = @campaignId AND purpose = 'appeal'", new { campaignId })
            : default;
        var project = pledge.ProjectId is { } projectId
            ? connection.QuerySingleOrDefault<(string Ky, string Ru, string En)?>(
                "SELECT title_ky, title_ru, title_en FROM pledge_project WHERE id = @projectId", new { projectId }) is { } t
                ? new Core.Reference.LocalizedText(t.Ky, t.Ru, t.En) : null
            : null;
        var target = ContributionTarget.Of(project, campaign.Name is null ? null : new Campaigns.CampaignTitle(campaign.Name, campaign.Ky, campaign.Ru, campaign.En));
        var year = clock.GetUtcNow().ToOffset(TimeSpan.FromHours(6)).Year;   // the year in Kyrgyzstan
        var contribution = new Contribution(pledge.Kind, pledge.Amount, pledge.Currency, pledge.Hours, target, year);
        return (reasons.For(contribution), Core.Reference.Languages.IsKnown(language) ? language! : "ky");
    }

    public string? Reject(FulfilmentRow fulfilment, CurrentUser user, string reason)
    {
        if (fulfilment.Status != "awaiting_approval") return $"This fulfilment is already {fulfilment.Status}.";
        using var connection = db.Open();
        connection.Execute("""
            UPDATE pledge_fulfilment SET status = 'rejected', decided_by = @userId, decided_at = @now, reason = @reason
            WHERE id = @Id AND status = 'awaiting_approval'
            """, new { fulfilment.Id, userId = user.Id, now = clock.GetUtcNow(), reason });
        audit.Record(user, "fulfilment.reject", $"fulfilment/{fulfilment.Id}", new { pledge = fulfilment.PledgeId });
        return null;
    }
}
