using CampaignEngine.Core.Reference;
using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.Infrastructure.Database;
using Dapper;

namespace CampaignEngine.Web.Features.Pledges.Offers;

internal static class OfferStatus
{
    public const string Waiting = "waiting";
    public const string Confirmed = "confirmed";
    public const string Dropped = "dropped";
}

/// <summary>An offer as staff read it, with its project's region (its scope) and title.</summary>
internal sealed record OfferRow
{
    public long Id { get; init; }
    public long ProjectId { get; init; }
    public string ProjectRegion { get; init; } = "";
    public string ProjectModuleId { get; init; } = "";
    public string TitleKy { get; init; } = "";
    public string TitleRu { get; init; } = "";
    public string TitleEn { get; init; } = "";
    public string Kind { get; init; } = "";
    public decimal? Amount { get; init; }
    public string? Currency { get; init; }
    public decimal? AmountUsd { get; init; }
    public decimal? Hours { get; init; }
    public string? ContributionType { get; init; }
    public string? Description { get; init; }
    public bool PublicNameConsent { get; init; }
    public string? FullName { get; init; }
    public string? Phone { get; init; }
    public string? Email { get; init; }
    public string? Country { get; init; }
    public string? HomeRegion { get; init; }
    public string Language { get; init; } = "";
    public string Status { get; init; } = "";
    public string? DropReason { get; init; }
    public long? CompatriotId { get; init; }
    public long? PledgeId { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? DecidedAt { get; init; }

    public LocalizedText ProjectTitle => new(TitleKy, TitleRu, TitleEn);
    public bool IsWaiting => Status == OfferStatus.Waiting;

    /// <summary>The help offered, as the pledge it becomes once confirmed.</summary>
    public PledgeInput Pledge() => new()
    {
        Kind = Kind, Amount = Amount, Currency = Currency, Hours = Hours, ContributionType = ContributionType,
        Description = Description, ProjectId = ProjectId, PublicNameConsent = PublicNameConsent,
    };
}

/// <summary>What confirming came to: the pledge, and whether this call made it (false: it was confirmed before).</summary>
internal sealed record ConfirmedOffer(long PledgeId, bool Created);

/// <summary>
/// The offers strangers leave on project pages (<c>pledge_offer</c>), as each user may see them: national staff all,
/// an oblast administration those for its own region's projects. They count in nothing public; confirming turns one
/// into a pledge in the same transaction, and confirming or dropping erases its contact details.
/// </summary>
internal sealed class OfferStore(Db db, PledgeInserts inserts)
{
    private const string Select = """
        SELECT o.id, o.project_id AS ProjectId, pr.region AS ProjectRegion, pr.module_id AS ProjectModuleId,
               pr.title_ky AS TitleKy, pr.title_ru AS TitleRu, pr.title_en AS TitleEn, o.kind, o.amount, o.currency,
               o.amount_usd AS AmountUsd, o.hours, o.contribution_type AS ContributionType, o.description,
               o.public_name_consent AS PublicNameConsent, o.full_name AS FullName, o.phone, o.email, o.country,
               o.home_region AS HomeRegion, o.language, o.status, o.drop_reason AS DropReason, o.compatriot_id AS CompatriotId,
               o.pledge_id AS PledgeId, o.created_at AS CreatedAt, o.decided_at AS DecidedAt
        FROM pledge_offer o JOIN pledge_project pr ON pr.id = o.project_id
        """;

    // What confirming or dropping leaves of the person: nothing (a confirmed offer's note lives on in its pledge). Kind, sums,
    // project and dates stay for the record.
    private const string EraseContact = "full_name = NULL, phone = NULL, email = NULL, country = NULL, home_region = NULL, description = NULL";

    public async Task<long> AddAsync(NewOffer offer, decimal? amountUsd, DateTimeOffset now)
    {
        var p = offer.Pledge;
        using var gate = await db.WriterAsync();
        using var connection = db.Open();
        return connection.ExecuteScalar<long>("""
            INSERT INTO pledge_offer (project_id, kind, amount, currency, amount_usd, hours, contribution_type, description,
                public_name_consent, full_name, phone, email, country, home_region, language, contact_consent_at, created_at)
            VALUES (@ProjectId, @kind, @amount, @currency, @amountUsd, @hours, @contributionType, @description,
                @consent, @FullName, @Phone, @Email, @Country, @HomeRegion, @Language, @now, @now)
            RETURNING id
            """, new
        {
            offer.ProjectId, kind = p.Kind, amount = p.Kind == "money" ? p.Amount : null, currency = p.Kind == "money" ? p.Currency : null,
            amountUsd, hours = p.Kind == "time" ? p.Hours : null, contributionType = p.Kind == "time" ? p.ContributionType ?? "training" : p.ContributionType,
            description = string.IsNullOrWhiteSpace(p.Description) ? null : p.Description.Trim(), consent = p.PublicNameConsent ? 1 : 0,
            offer.FullName, offer.Phone, offer.Email, offer.Country, offer.HomeRegion, offer.Language, now = now.ToDb(),
        });
    }

    public OfferRow? Find(long id, CurrentUser user)
    {
        var scope = Scope(user);
        using var connection = db.Open();
        return connection.QuerySingleOrDefault<OfferRow>($"{Select} WHERE o.id = @id AND {scope.Sql}", scope.With(new { id }));
    }

    /// <summary>The offers waiting in the user's scope, oldest first (the order they should be called in).</summary>
    public IReadOnlyList<OfferRow> Waiting(CurrentUser user, int limit = 200)
    {
        var scope = Scope(user);
        using var connection = db.Open();
        return connection.Query<OfferRow>($"{Select} WHERE o.status = 'waiting' AND {scope.Sql} ORDER BY o.id LIMIT @limit",
            scope.With(new { limit })).ToList();
    }

    /// <summary>The offers decided lately in the user's scope, newest first.</summary>
    public IReadOnlyList<OfferRow> Decided(CurrentUser user, int limit = 50)
    {
        var scope = Scope(user);
        using var connection = db.Open();
        return connection.Query<OfferRow>($"{Select} WHERE o.status <> 'waiting' AND {scope.Sql} ORDER BY o.decided_at DESC, o.id DESC LIMIT @limit",
            scope.With(new { limit })).ToList();
    }

    /// <summary>How many offers wait in the user's scope, and since when the oldest does.</summary>
    public (int Count, DateTimeOffset? Oldest) WaitingCount(CurrentUser user)
    {
        var scope = Scope(user);
        using var connection = db.Open();
        var row = connection.QuerySingle<(long Count, string? Oldest)>(
            $"SELECT COUNT(*), MIN(o.created_at) FROM pledge_offer o JOIN pledge_project pr ON pr.id = o.project_id WHERE o.status = 'waiting' AND {scope.Sql}",
            scope.With());
        return ((int)row.Count, row.Oldest is null ? null : DateTimeOffset.Parse(row.Oldest, System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Drops a waiting offer with the reason given, erasing its contact details; false when it was no longer waiting.</summary>
    public async Task<bool> DropAsync(long id, string reason, long userId, DateTimeOffset now)
    {
        using var gate = await db.WriterAsync();
        using var connection = db.Open();
        return connection.Execute($"""
            UPDATE pledge_offer SET status = 'dropped', drop_reason = @reason, decided_by = @userId, decided_at = @now, {EraseContact}
            WHERE id = @id AND status = 'waiting'
            """, new { id, reason, userId, now = now.ToDb() }) == 1;
    }

    /// <summary>
    /// Turns a waiting offer into <paramref name="pledge"/> (a confirmed pledge of the chosen person) in one transaction,
    /// erasing the offer's contact details. Safe to repeat: an offer already confirmed answers with its pledge and writes
    /// nothing; null when it was dropped.
    /// </summary>
    public async Task<ConfirmedOffer?> ConfirmAsync(long id, NewPledge pledge, long userId, DateTimeOffset now)
    {
        using var gate = await db.WriterAsync();
        using var connection = db.Open();
        using var transaction = connection.BeginTransaction();
        var claimed = connection.Execute(
            "UPDATE pledge_offer SET status = 'confirmed', compatriot_id = @compatriotId, decided_by = @userId, decided_at = @now WHERE id = @id AND status = 'waiting'",
            new { id, compatriotId = pledge.CompatriotId, userId, now = now.ToDb() }, transaction);
        if (claimed == 0)
        {
            var earlier = connection.ExecuteScalar<long?>("SELECT pledge_id FROM pledge_offer WHERE id = @id AND status = 'confirmed'", new { id }, transaction);
            return earlier is { } existing ? new ConfirmedOffer(existing, Created: false) : null;
        }
        var inserted = inserts.InsertIn(connection, transaction, pledge);
        connection.Execute($"UPDATE pledge_offer SET pledge_id = @pledgeId, {EraseContact} WHERE id = @id", new { id, pledgeId = inserted.Id }, transaction);
        transaction.Commit();
        inserts.Announce(inserted);
        return new ConfirmedOffer(inserted.Id, Created: true);
    }

    // National staff see every offer; an oblast administration those for its own region's projects; a leader none
    // (projects are not in a leader's workspace).
    private static ScopeCondition Scope(CurrentUser user) => AccessScope.Of(user).ForRegion("pr.region");
}
