using CampaignEngine.Web.Infrastructure.Database;
using CampaignEngine.Web.Infrastructure.Templates;
using Dapper;

namespace CampaignEngine.Web.Features.Modules;

/// <summary>
/// Module templates edited in the product, which take precedence over the shipped files. Held in memory
/// (a handful of rows) and read again after a save here or every few seconds, so that another host sees an
/// edit soon without a query per rendered message. The <c>template_override</c> table is this feature's: only this
/// class writes it, and the template lookup reads it through <see cref="ITemplateOverrides"/>.
/// </summary>
internal sealed class TemplateOverrideStore(Db db, TimeProvider clock) : ITemplateOverrides
{
    private static readonly long Freshness = (long)TimeSpan.FromSeconds(5).TotalMilliseconds;
    private volatile Snapshot? _snapshot;

    private sealed record Snapshot(IReadOnlyDictionary<(string, string, string, string), TemplateOverride> Rows, long LoadedAt);

    public TemplateOverride? Find(string moduleId, string name, string language, string part) =>
        Current().Rows.GetValueOrDefault((moduleId, name, language, part));

    /// <summary>Writes the given parts in one transaction; an empty text removes that part's override.</summary>
    public void Save(string moduleId, string name, string language, IReadOnlyDictionary<string, string> parts, long? userId)
    {
        using var connection = db.Open();
        using var transaction = connection.BeginTransaction();
        foreach (var (part, text) in parts)
        {
            if (text.Length == 0)
            {
                connection.Execute("DELETE FROM template_override WHERE module_id = @moduleId AND name = @name AND language = @language AND part = @part",
                    new { moduleId, name, language, part }, transaction);
                continue;
            }
            // The table names the old version: a bare "version" in DO UPDATE is ambiguous to PostgreSQL (the row or excluded).
            connection.Execute("""
                INSERT INTO template_override (module_id, name, language, part, text, version, updated_by, updated_at)
                VALUES (@moduleId, @name, @language, @part, @text, 1, @userId, @at)
                ON CONFLICT (module_id, name, language, part)
                DO UPDATE SET text = excluded.text, version = template_override.version + 1, updated_by = excluded.updated_by, updated_at = excluded.updated_at
                """, new { moduleId, name, language, part, text, userId, at = clock.GetUtcNow() }, transaction);
        }
        transaction.Commit();
        _snapshot = null;
    }

    private Snapshot Current()
    {
        var snapshot = _snapshot;
        var now = Environment.TickCount64;
        if (snapshot is not null && now - snapshot.LoadedAt < Freshness) return snapshot;
        using var connection = db.Open();
        var rows = connection.Query<TemplateOverride>("""
            SELECT module_id AS ModuleId, name, language, part, text, version FROM template_override
            """).ToDictionary(r => (r.ModuleId, r.Name, r.Language, r.Part));
        return _snapshot = new Snapshot(rows, now);
    }
}
