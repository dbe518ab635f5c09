using CampaignEngine.Core.Reference;
using CampaignEngine.Web.Infrastructure.Database;
using Dapper;
using Microsoft.Extensions.Options;

namespace CampaignEngine.Web.Features.Pledges;

/// <summary>Where a pledge came from: the person through a link, or a leader or officer on their behalf.</summary>
internal sealed record PledgeOrigin(string RecordedBy, long? UserId, long? CampaignId, long? MessageId);

/// <summary>
/// Records a validated pledge with a snapshot of the person (gender, age band, home region, country)
/// so that reports do not shift when the directory changes later.
/// </summary>
internal sealed class PledgeRecorder(Db db, Rates rates, TimeProvider clock, PledgeInserts inserts, IOptions<PledgeOptions> options)
{
    /// <summary>A pledge recorded by staff (a leader or an officer), who vouch for it: no bound, no waiting.</summary>
    public async Task<long> RecordAsync(long compatriotId, PledgeInput input, PledgeOrigin origin) =>
        await inserts.InsertAsync(Row(compatriotId, input, origin, ReadPerson(compatriotId), link: false))
        ?? throw new InvalidOperationException("A staff pledge has no daily bound.");

    /// <summary>
    /// A pledge the person makes through their link: counted against the link's daily bound (none written past it),
    /// and money above <see cref="PledgeOptions.ConfirmAboveUsd"/> waits for a person on the staff to confirm it.
    /// </summary>
    /// <param name="person">The person's snapshot, read with the link.</param>
    public async Task<LinkPledgeResult> RecordThroughLinkAsync(long compatriotId, PledgeInput input, PledgeOrigin origin, PersonSnapshot person)
    {
        var row = Row(compatriotId, input, origin, person, link: true);
        return new LinkPledgeResult(await inserts.InsertAsync(row), row.Status);
    }

    /// <summary>The row a pledge recorded by staff for <paramref name="compatriotId"/> would be, with the person's snapshot taken now.</summary>
    public NewPledge StaffRow(long compatriotId, PledgeInput input, PledgeOrigin origin) =>
        Row(compatriotId, input, origin, ReadPerson(compatriotId), link: false);

    private NewPledge Row(long compatriotId, PledgeInput input, PledgeOrigin origin, PersonSnapshot person, bool link)
    {
        var now = clock.GetUtcNow();
        var kind = input.Kind!.Trim().ToLowerInvariant();
        var currency = kind == "money" ? input.Currency!.Trim().ToUpperInvariant() : null;
        var amountUsd = kind == "money" ? rates.ToUsd(input.Amount!.Value, currency!, now) : null;
        var amountKgs = amountUsd is { } usd ? rates.UsdToKgs(usd, now) : null;
        var waits = link && amountUsd > options.Value.ConfirmAboveUsd;
        return new NewPledge(
            compatriotId, origin.CampaignId, origin.MessageId, kind,
            ContributionType: kind == "time" ? input.ContributionType ?? "training" : kind == "in_kind" ? "in_kind" : input.ContributionType,
            Amount: kind == "money" ? input.Amount : null,
            currency, amountUsd, amountKgs,
            Hours: kind == "time" ? input.Hours : null,
            Items: kind == "in_kind" ? input.Items : null,
            Description: string.IsNullOrWhiteSpace(input.Description) ? null : input.Description.Trim(),
            Sector: string.IsNullOrWhiteSpace(input.Sector) ? null : input.Sector,
            TargetRegion: Regions.Find(input.TargetRegion)?.Code,
            input.ProjectId,
            Recurring: string.IsNullOrEmpty(input.Recurring) ? null : input.Recurring,
            origin.RecordedBy, origin.UserId,
            person.Gender, Vocabulary.AgeBandOf((int?)person.BirthYear, now.Year), person.HomeRegion, person.Country,
            input.PublicNameConsent, now,
            Status: waits ? PledgeStatus.AwaitingConfirmation : PledgeStatus.Pledged,
            PerLinkPerDay: link ? options.Value.PerLinkPerDay : null);
    }

    private PersonSnapshot ReadPerson(long compatriotId)
    {
        using var connection = db.Open();
        return connection.QuerySingle<PersonSnapshot>(
            "SELECT gender AS Gender, birth_year AS BirthYear, home_region AS HomeRegion, country AS Country FROM directory_compatriot WHERE id = @compatriotId",
            new { compatriotId });
    }
}

/// <summary>What a pledge keeps of the person at the moment it is made.</summary>
internal sealed record PersonSnapshot
{
    public string Gender { get; init; } = "unknown";
    public long? BirthYear { get; init; }
    public string? HomeRegion { get; init; }
    public string Country { get; init; } = null!;
}
