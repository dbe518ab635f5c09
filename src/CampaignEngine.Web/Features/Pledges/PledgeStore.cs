using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.Infrastructure.Database;
using Dapper;

namespace CampaignEngine.Web.Features.Pledges;

internal sealed record PledgeRow
{
    public long Id { get; init; }
    public long CompatriotId { get; init; }
    public long? CampaignId { get; init; }
    public long? ProjectId { get; init; }
    public string Kind { get; init; } = "";
    public string? ContributionType { get; init; }
    public decimal? Amount { get; init; }
    public string? Currency { get; init; }
    public decimal? AmountUsd { get; init; }
    public decimal? AmountKgs { get; init; }
    public decimal? Hours { get; init; }
    public decimal? Items { get; init; }
    public string? Description { get; init; }
    public string? Sector { get; init; }
    public string? TargetRegion { get; init; }
    public string? Recurring { get; init; }
    public string Status { get; init; } = "";
    public string? StatusReason { get; init; }
    public decimal FulfilledUsd { get; init; }
    public decimal FulfilledHours { get; init; }
    public string RecordedBy { get; init; } = "";
    public string Gender { get; init; } = "";
    public string AgeBand { get; init; } = "";
    public string? HomeRegion { get; init; }
    public string Country { get; init; } = "";
    public bool PublicNameConsent { get; init; }
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>A monthly pledge the person paused or stopped (<see cref="Mine.Standing"/>); null while it runs.</summary>
    public string? Standing { get; init; }
    public string? StandingBy { get; init; }
    public DateTimeOffset? StandingAt { get; init; }
}

internal sealed record PledgeFilter(long? CampaignId, long? CompatriotId, long? ProjectId, string? Status);

/// <summary>Pledges as each user may see them: scoped in the query, never after it.</summary>
internal sealed class PledgeStore(Db db)
{
    public const string Columns = """
        p.id, p.compatriot_id AS CompatriotId, p.campaign_id AS CampaignId, p.project_id AS ProjectId, p.kind,
        p.contribution_type AS ContributionType, p.amount, p.currency, p.amount_usd AS AmountUsd, p.amount_kgs AS AmountKgs,
        p.hours, p.items, p.description, p.sector, p.target_region AS TargetRegion, p.recurring, p.status,
        p.status_reason AS StatusReason, p.fulfilled_usd AS FulfilledUsd, p.fulfilled_hours AS FulfilledHours,
        p.recorded_by AS RecordedBy, p.gender, p.age_band AS AgeBand, p.home_region AS HomeRegion, p.country,
        p.public_name_consent AS PublicNameConsent, p.created_at AS CreatedAt,
        p.standing, p.standing_by AS StandingBy, p.standing_at AS StandingAt
        """;

    public PledgeRow? Find(long id, CurrentUser user)
    {
        var scope = AccessScope.Of(user).ForPeopleById("p.home_region", "p.compatriot_id");
        using var connection = db.Open();
        return connection.QuerySingleOrDefault<PledgeRow>($"SELECT {Columns} FROM pledge p WHERE p.id = @id AND {scope.Sql}",
            scope.With(new { id }));
    }

    public IReadOnlyList<PledgeRow> List(PledgeFilter filter, CurrentUser user, int limit = 1000)
    {
        var scope = AccessScope.Of(user).ForPeopleById("p.home_region", "p.compatriot_id");
        using var connection = db.Open();
        return connection.Query<PledgeRow>($"""
            SELECT {Columns} FROM pledge p
            WHERE {scope.Sql}
              AND (@CampaignId IS NULL OR p.campaign_id = @CampaignId)
              AND (@CompatriotId IS NULL OR p.compatriot_id = @CompatriotId)
              AND (@ProjectId IS NULL OR p.project_id = @ProjectId)
              AND (@Status IS NULL OR p.status = @Status)
            ORDER BY p.id DESC LIMIT @limit
            """, scope.With(new { filter.CampaignId, filter.CompatriotId, filter.ProjectId, filter.Status, limit })).ToList();
    }

    /// <summary>Cancels or writes off a pledge that is not fulfilled yet; the reason is kept.</summary>
    public bool Close(long id, string status, string reason, DateTimeOffset now)
    {
        using var connection = db.Open();
        return connection.Execute("""
            UPDATE pledge SET status = @status, status_reason = @reason, updated_at = @now
            WHERE id = @id AND status IN ('pledged', 'awaiting_confirmation', 'confirmed', 'partially_fulfilled')
            """, new { id, status, reason, now }) == 1;
    }

    /// <summary>A person on the staff vouches for a new pledge, including one through a link that waits for exactly that.</summary>
    public bool Confirm(long id, DateTimeOffset now)
    {
        using var connection = db.Open();
        return connection.Execute(
            "UPDATE pledge SET status = 'confirmed', updated_at = @now WHERE id = @id AND status IN ('pledged', 'awaiting_confirmation')", new { id, now }) == 1;
    }

    /// <summary>
    /// The pledges made through one link, newest first, for its own pages: the token is the key, and it opens only what
    /// was pledged through that message, never the person's other pledges.
    /// </summary>
    public IReadOnlyList<PledgeRow> ThroughLink(long messageId, long? id = null)
    {
        using var connection = db.Open();
        return connection.Query<PledgeRow>($"""
            SELECT {Columns} FROM pledge p WHERE p.message_id = @messageId AND (@id IS NULL OR p.id = @id) ORDER BY p.id DESC LIMIT 20
            """, new { messageId, id }).ToList();
    }

    /// <summary>How many pledges the link has made on this UTC day (its bound is <see cref="PledgeOptions.PerLinkPerDay"/>).</summary>
    public int LinkPledgesOn(long messageId, DateTimeOffset now)
    {
        using var connection = db.Open();
        return connection.ExecuteScalar<int?>("SELECT pledges FROM pledge_link_day WHERE message_id = @messageId AND day = @day",
            new { messageId, day = now.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) }) ?? 0;
    }

    public bool ProjectExists(long projectId)
    {
        using var connection = db.Open();
        return connection.ExecuteScalar<long>("SELECT COUNT(*) FROM pledge_project WHERE id = @projectId", new { projectId }) == 1;
    }
}
