using CampaignEngine.Core.Modules;
using CampaignEngine.Web.Infrastructure.Database;
using Dapper;

namespace CampaignEngine.Web.Features.Certificates.Nominations;

// A settable class: times are text that only the registered type handler turns into DateTimeOffset.
internal sealed class NominationRecord
{
    public long Id { get; init; }
    public long CompatriotId { get; init; }
    public string FullName { get; init; } = "";
    public string? HomeRegion { get; init; }
    public string ModuleId { get; init; } = "";
    public string Kind { get; init; } = "";
    public string Reason { get; init; } = "";
    public string Status { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? DecidedAt { get; init; }
    public string? Serial { get; init; }
    public string? DecisionNote { get; init; }
    public string? ReasonKy { get; init; }
    public string? ReasonRu { get; init; }
    public string? ReasonEn { get; init; }

    /// <summary>The reason in <paramref name="language"/> when the nomination was written in every language (a module's), else the one it has.</summary>
    public string ReasonIn(string? language) => language switch { "ky" => ReasonKy, "ru" => ReasonRu, "en" => ReasonEn, _ => null } ?? Reason;
}

internal static class NominationStatus
{
    public const string Pending = "pending";
    public const string Approved = "approved";
    public const string Rejected = "rejected";
}

/// <summary>The <c>certificate_nomination</c> table. A decision is taken with a conditional update, so two officers cannot both decide.</summary>
internal sealed class NominationStore(Db db)
{
    private const string Select = """
        SELECT n.id, n.compatriot_id AS CompatriotId, c.full_name AS FullName, c.home_region AS HomeRegion, n.module_id AS ModuleId, n.kind, n.reason,
               n.status, n.created_at AS CreatedAt, n.decided_at AS DecidedAt, n.serial, n.decision_note AS DecisionNote,
               n.reason_ky AS ReasonKy, n.reason_ru AS ReasonRu, n.reason_en AS ReasonEn
        FROM certificate_nomination n JOIN directory_compatriot c ON c.id = n.compatriot_id
        """;

    /// <summary>Stores a nomination; false when the same one (module, person, kind, reason) already exists.</summary>
    public bool Add(CertificateNomination nomination, DateTimeOffset at)
    {
        using var connection = db.Open();
        return connection.Execute("""
            INSERT INTO certificate_nomination (compatriot_id, module_id, kind, reason, created_at, reason_ky, reason_ru, reason_en)
            VALUES (@CompatriotId, @ModuleId, @Kind, @Reason, @at, @ky, @ru, @en)
            ON CONFLICT DO NOTHING
            """, new
        {
            nomination.CompatriotId, nomination.ModuleId, nomination.Kind, nomination.Reason, at,
            ky = nomination.Reasons?.Ky, ru = nomination.Reasons?.Ru, en = nomination.Reasons?.En,
        }) == 1;
    }

    /// <summary>A nomination a leader proposes for a member; null when the same one already exists.</summary>
    public long? AddProposed(CertificateNomination nomination, long nominatedBy, DateTimeOffset at)
    {
        using var connection = db.Open();
        return connection.ExecuteScalar<long?>("""
            INSERT INTO certificate_nomination (compatriot_id, module_id, kind, reason, created_at, nominated_by)
            VALUES (@CompatriotId, @ModuleId, @Kind, @Reason, @at, @nominatedBy)
            ON CONFLICT DO NOTHING
            RETURNING id
            """, new { nomination.CompatriotId, nomination.ModuleId, nomination.Kind, nomination.Reason, at, nominatedBy });
    }

    /// <summary>What one person proposed, newest first: a leader follows their own nominations here.</summary>
    public IReadOnlyList<NominationRecord> ListByNominator(long userId, long? compatriotId = null, int limit = 200)
    {
        using var connection = db.Open();
        return connection.Query<NominationRecord>($"""
            {Select}
            WHERE n.nominated_by = @userId AND (@compatriotId IS NULL OR n.compatriot_id = @compatriotId)
            ORDER BY n.created_at DESC, n.id DESC
            LIMIT @limit
            """, new { userId, compatriotId, limit }).ToList();
    }

    public NominationRecord? Find(long id)
    {
        using var connection = db.Open();
        return connection.QuerySingleOrDefault<NominationRecord>($"{Select} WHERE n.id = @id", new { id });
    }

    /// <summary>Nominations of <paramref name="moduleIds"/> for natives of <paramref name="homeRegion"/> (null: anyone), newest first.</summary>
    public IReadOnlyList<NominationRecord> List(IReadOnlyCollection<string> moduleIds, string? homeRegion, string? status, int limit = 200)
    {
        if (moduleIds.Count == 0) return [];
        using var connection = db.Open();
        return connection.Query<NominationRecord>($"""
            {Select}
            WHERE {db.AnyOf("n.module_id", "@moduleIds")} AND (@status IS NULL OR n.status = @status)
              AND (@homeRegion IS NULL OR c.home_region = @homeRegion)
            ORDER BY n.created_at DESC, n.id DESC
            LIMIT @limit
            """, new { moduleIds, homeRegion, status, limit }).ToList();
    }

    /// <summary>Claims a pending nomination for a decision; false when someone else decided first.</summary>
    public bool Decide(long id, string status, long userId, DateTimeOffset at, string? note)
    {
        using var connection = db.Open();
        return connection.Execute("""
            UPDATE certificate_nomination SET status = @status, decided_by = @userId, decided_at = @at, decision_note = @note
            WHERE id = @id AND status = 'pending'
            """, new { id, status, userId, at, note }) == 1;
    }

    public void AttachSerial(long id, string serial)
    {
        using var connection = db.Open();
        connection.Execute("UPDATE certificate_nomination SET serial = @serial WHERE id = @id", new { id, serial });
    }

    /// <summary>Puts a claimed nomination back when issuing its certificate failed.</summary>
    public void Reopen(long id)
    {
        using var connection = db.Open();
        connection.Execute("""
            UPDATE certificate_nomination SET status = 'pending', decided_by = NULL, decided_at = NULL, decision_note = NULL
            WHERE id = @id AND serial IS NULL
            """, new { id });
    }
}
