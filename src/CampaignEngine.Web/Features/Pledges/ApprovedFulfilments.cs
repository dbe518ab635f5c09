using CampaignEngine.Core.Reference;
using CampaignEngine.Web.Features.Campaigns;
using CampaignEngine.Web.Features.Certificates.Receipts;
using CampaignEngine.Web.Infrastructure.Database;
using Dapper;

namespace CampaignEngine.Web.Features.Pledges;

/// <summary>
/// The pledges feature's answer to the certificates feature's port: a person's approved fulfilments with what a
/// receipt prints about each, in one query (the person's page lists them, the receipt and the statement sign them).
/// </summary>
internal sealed class ApprovedFulfilments(Db db) : IApprovedFulfilments
{
    public IReadOnlyList<ApprovedFulfilment> Of(long compatriotId)
    {
        using var connection = db.Open();
        return connection.Query<Row>("""
            SELECT f.id, p.kind, f.amount, f.currency, f.hours, p.items, p.description, f.evidence,
                   f.recorded_at AS ReceivedAt, COALESCE(f.decided_at, f.recorded_at) AS ApprovedAt,
                   COALESCE(k.module_id, j.module_id) AS ModuleId, COALESCE(p.target_region, p.home_region) AS Region,
                   j.title_ky AS ProjectKy, j.title_ru AS ProjectRu, j.title_en AS ProjectEn,
                   k.name AS CampaignName, k.title_ky AS CampaignKy, k.title_ru AS CampaignRu, k.title_en AS CampaignEn
            FROM pledge_fulfilment f
            JOIN pledge p ON p.id = f.pledge_id
            LEFT JOIN campaign k ON k.id = p.campaign_id AND k.purpose = 'appeal'
            LEFT JOIN pledge_project j ON j.id = p.project_id
            WHERE p.compatriot_id = @compatriotId AND f.status = 'approved'
            ORDER BY f.recorded_at, f.id
            """, new { compatriotId }).Select(r => new ApprovedFulfilment(
                r.Id, r.Kind, r.Amount, r.Currency, r.Hours, r.Items, r.Description, r.Evidence ?? "", r.ReceivedAt, r.ApprovedAt, r.ModuleId,
                ContributionTarget.Of(r.ProjectKy is null ? null : new LocalizedText(r.ProjectKy, r.ProjectRu!, r.ProjectEn!),
                    r.CampaignName is null ? null : new CampaignTitle(r.CampaignName, r.CampaignKy, r.CampaignRu, r.CampaignEn)),
                r.Region)).ToList();
    }

    private sealed class Row
    {
        public long Id { get; init; }
        public string Kind { get; init; } = "";
        public decimal? Amount { get; init; }
        public string? Currency { get; init; }
        public decimal? Hours { get; init; }
        public decimal? Items { get; init; }
        public string? Description { get; init; }
        public string? Evidence { get; init; }
        public DateTimeOffset ReceivedAt { get; init; }
        public DateTimeOffset ApprovedAt { get; init; }
        public string? ModuleId { get; init; }
        public string? Region { get; init; }
        public string? ProjectKy { get; init; }
        public string? ProjectRu { get; init; }
        public string? ProjectEn { get; init; }
        public string? CampaignName { get; init; }
        public string? CampaignKy { get; init; }
        public string? CampaignRu { get; init; }
        public string? CampaignEn { get; init; }
    }
}

/// <summary>What a contribution went to, as official papers name it: the project, else the appeal's public title, else nothing (the home region).</summary>
internal static class ContributionTarget
{
    // An appeal known only by its internal name is not named on an official paper.
    public static LocalizedText? Of(LocalizedText? project, CampaignTitle? appeal) =>
        project ?? (appeal is { HasPublicTitle: true }
            ? new LocalizedText(appeal.For("ky", null), appeal.For("ru", null), appeal.For("en", null)) : null);
}
