using CampaignEngine.Core.Reference;
using CampaignEngine.Web.Infrastructure.Database;
using Dapper;

namespace CampaignEngine.Web.Features.Pledges;

/// <summary>Where a pledge came from: the person through a link, or a leader or officer on their behalf.</summary>
public sealed record PledgeOrigin(string RecordedBy, long? UserId, long? CampaignId, long? MessageId);

/// <summary>
/// Records a validated pledge with a snapshot of the person (gender, age band, home region, country)
/// so that reports do not shift when the directory changes later.
/// </summary>
public sealed class PledgeRecorder(Db db, Rates rates, TimeProvider clock)
{
    public long Record(long compatriotId, PledgeInput input, PledgeOrigin origin)
    {
        var now = clock.GetUtcNow();
        var kind = input.Kind!.Trim().ToLowerInvariant();
        var currency = kind == "money" ? input.Currency!.Trim().ToUpperInvariant() : null;
        var amountUsd = kind == "money" ? rates.ToUsd(input.Amount!.Value, currency!, now) : null;
        var amountKgs = amountUsd is { } usd ? rates.UsdToKgs(usd, now) : null;
        long id;
        using (var connection = db.Open())
        {
            var person = connection.QuerySingle<(string Gender, long? BirthYear, string? HomeRegion, string Country)>(
                "SELECT gender, birth_year, home_region, country FROM directory_compatriot WHERE id = @compatriotId", new { compatriotId });
            using var writer = db.Writer();
            id = connection.ExecuteScalar<long>("""
                INSERT INTO pledge (compatriot_id, campaign_id, message_id, kind, contribution_type, amount, currency, amount_usd, amount_kgs,
                                    hours, items, description, sector, target_region, project_id, recurring, status, recorded_by, recorded_by_user,
                                    gender, age_band, home_region, country, created_at, updated_at)
                VALUES (@compatriotId, @CampaignId, @MessageId, @kind, @contributionType, @amount, @currency, @amountUsd, @amountKgs,
                        @hours, @items, @description, @sector, @targetRegion, @projectId, @recurring, 'pledged', @RecordedBy, @UserId,
                        @gender, @ageBand, @homeRegion, @country, @now, @now)
                RETURNING id
                """, new
            {
                compatriotId, origin.CampaignId, origin.MessageId, kind,
                contributionType = kind == "time" ? input.ContributionType ?? "training" : kind == "in_kind" ? "in_kind" : input.ContributionType,
                amount = kind == "money" ? input.Amount : null,
                currency, amountUsd, amountKgs,
                items = kind == "in_kind" ? input.Items : null,
                projectId = input.ProjectId,
                recurring = string.IsNullOrEmpty(input.Recurring) ? null : input.Recurring,
                hours = kind == "time" ? input.Hours : null,
                description = string.IsNullOrWhiteSpace(input.Description) ? null : input.Description.Trim(),
                sector = string.IsNullOrWhiteSpace(input.Sector) ? null : input.Sector,
                targetRegion = Regions.Find(input.TargetRegion)?.Code,
                origin.RecordedBy, origin.UserId,
                gender = person.Gender,
                ageBand = Vocabulary.AgeBandOf((int?)person.BirthYear, now.Year),
                homeRegion = person.HomeRegion, country = person.Country, now,
            });
        }
        return id;
    }
}
