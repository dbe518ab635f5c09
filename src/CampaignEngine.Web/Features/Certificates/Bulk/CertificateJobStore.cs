using CampaignEngine.Web.Infrastructure.Database;
using Dapper;

namespace CampaignEngine.Web.Features.Certificates.Bulk;

// A settable class: times are text that only the registered type handler turns into DateTimeOffset.
internal sealed class CertificateJob
{
    public long Id { get; init; }
    public string ModuleId { get; init; } = "";
    public string Kind { get; init; } = "";
    public string CriteriaJson { get; init; } = "";
    public long RequestedBy { get; init; }
    public string Status { get; init; } = "";
    public int Total { get; init; }
    public int Done { get; init; }
    public int Failed { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }
    public long? DeliveryCampaignId { get; init; }
}

internal sealed record CertificateJobItem(long CompatriotId, string Reason);

/// <summary>
/// Bulk-issue jobs and their items. Progress is counted from the items, so it is right after a restart whatever
/// Hangfire's store kept.
/// </summary>
internal sealed class CertificateJobStore(Db db)
{
    private const string Select = """
        SELECT j.id, j.module_id AS ModuleId, j.kind, j.criteria_json AS CriteriaJson, j.requested_by AS RequestedBy, j.status,
               j.total, j.created_at AS CreatedAt, j.finished_at AS FinishedAt, j.delivery_campaign_id AS DeliveryCampaignId,
               (SELECT COUNT(*) FROM certificate_job_item i WHERE i.job_id = j.id AND i.status = 'issued') AS Done,
               (SELECT COUNT(*) FROM certificate_job_item i WHERE i.job_id = j.id AND i.status = 'failed') AS Failed
        FROM certificate_job j
        """;

    public long Create(string moduleId, string kind, string criteriaJson, long requestedBy, IReadOnlyList<CertificateJobItem> items, DateTimeOffset at)
    {
        using var connection = db.Open();
        using var transaction = connection.BeginTransaction();
        var id = connection.ExecuteScalar<long>("""
            INSERT INTO certificate_job (module_id, kind, criteria_json, requested_by, status, total, created_at)
            VALUES (@moduleId, @kind, @criteriaJson, @requestedBy, 'queued', @total, @at)
            RETURNING id
            """, new { moduleId, kind, criteriaJson, requestedBy, total = items.Count, at }, transaction);
        connection.Execute("""
            INSERT INTO certificate_job_item (job_id, compatriot_id, reason) VALUES (@id, @CompatriotId, @Reason)
            """, items.Select(i => new { id, i.CompatriotId, i.Reason }), transaction);
        transaction.Commit();
        return id;
    }

    public void SetDeliveryCampaign(long id, long campaignId)
    {
        using var connection = db.Open();
        connection.Execute("UPDATE certificate_job SET delivery_campaign_id = @campaignId WHERE id = @id", new { id, campaignId });
    }

    public CertificateJob? Find(long id)
    {
        using var connection = db.Open();
        return connection.QuerySingleOrDefault<CertificateJob>($"{Select} WHERE j.id = @id", new { id });
    }

    public IReadOnlyList<CertificateJobItem> Pending(long id)
    {
        using var connection = db.Open();
        return connection.Query<CertificateJobItem>("""
            SELECT compatriot_id AS CompatriotId, reason FROM certificate_job_item
            WHERE job_id = @id AND status = 'pending' ORDER BY compatriot_id
            """, new { id }).ToList();
    }

    public IReadOnlyList<string> Serials(long id)
    {
        using var connection = db.Open();
        return connection.Query<string>("""
            SELECT serial FROM certificate_job_item WHERE job_id = @id AND status = 'issued' ORDER BY serial
            """, new { id }).ToList();
    }

    public void SetStatus(long id, string status, DateTimeOffset? finishedAt = null)
    {
        using var connection = db.Open();
        connection.Execute("UPDATE certificate_job SET status = @status, finished_at = @finishedAt WHERE id = @id", new { id, status, finishedAt });
    }

    public void Issued(long id, long compatriotId, string serial)
    {
        using var connection = db.Open();
        connection.Execute("""
            UPDATE certificate_job_item SET status = 'issued', serial = @serial, error = NULL
            WHERE job_id = @id AND compatriot_id = @compatriotId
            """, new { id, compatriotId, serial });
    }

    public void Failed(long id, long compatriotId, string error)
    {
        using var connection = db.Open();
        connection.Execute("""
            UPDATE certificate_job_item SET status = 'failed', error = @error
            WHERE job_id = @id AND compatriot_id = @compatriotId
            """, new { id, compatriotId, error });
    }
}
