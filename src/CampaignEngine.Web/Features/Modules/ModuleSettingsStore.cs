using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using CampaignEngine.Core.Modules;
using CampaignEngine.Web.Infrastructure.Database;
using CampaignEngine.Web.ModuleHost.Settings;
using Dapper;

namespace CampaignEngine.Web.Features.Modules;

/// <summary>What one save changed: the value in force before and after (null: the setting was not declared then).</summary>
internal sealed record SettingChange(string Key, JsonNode? From, JsonNode? To);

/// <summary>One saved version of a module's settings, as the history shows it.</summary>
internal sealed record SettingVersion(int Version, string SavedBy, DateTimeOffset SavedAt, string? Comment, int? RestoredFrom, IReadOnlyList<SettingChange> Changes);

/// <summary>How a save went: saved as <paramref name="Version"/>, nothing to change, or based on a version that is no longer the latest.</summary>
internal sealed record SettingsSaveOutcome(int Version, bool Saved, IReadOnlyList<SettingVersion> MissedVersions)
{
    public bool Stale => MissedVersions.Count > 0;
}

/// <summary>
/// The saved versions of module settings (<c>module_setting_version</c>, this feature's table: only this class writes
/// it). A save never changes a row: it adds the next version, holding the values set away from the defaults, what
/// changed, who, when and why. The values in force are held in memory and read again after a save here or every few
/// seconds, so that a send asks for them per message without a query, and another host sees a save soon.
/// </summary>
internal sealed class ModuleSettingsStore(Db db, TimeProvider clock) : IModuleSettings
{
    private static readonly long Freshness = (long)TimeSpan.FromSeconds(5).TotalMilliseconds;
    private volatile Snapshot? _snapshot;

    private sealed class Latest
    {
        public string ModuleId { get; init; } = "";
        public int Version { get; init; }
        public string ValuesJson { get; init; } = "";
    }

    private sealed record Snapshot(IReadOnlyDictionary<string, Latest> Rows, long LoadedAt)
    {
        public ConcurrentDictionary<ModuleManifest, SettingValues> Values { get; } = new(ReferenceEqualityComparer.Instance);
    }

    public SettingValues Of(ModuleManifest module)
    {
        var snapshot = Current();
        return snapshot.Values.GetOrAdd(module, m => snapshot.Rows.TryGetValue(m.Id, out var latest)
            ? new SettingValues(m, Parse(m, latest.ValuesJson), latest.Version)
            : SettingValues.Defaults(m));
    }

    /// <summary>Every version of <paramref name="module"/>'s settings, newest first.</summary>
    public IReadOnlyList<SettingVersion> History(ModuleManifest module)
    {
        using var connection = db.Open();
        return Versions(connection, null, module.Id, after: 0);
    }

    /// <summary>The values saved by <paramref name="version"/> (0: the defaults); null when there is no such version.</summary>
    public IReadOnlyDictionary<string, object>? ValuesOf(ModuleManifest module, int version)
    {
        if (version == 0) return new Dictionary<string, object>();
        using var connection = db.Open();
        var json = connection.QuerySingleOrDefault<string>(
            "SELECT values_json FROM module_setting_version WHERE module_id = @id AND version = @version", new { id = module.Id, version });
        return json is null ? null : Parse(module, json);
    }

    /// <summary>
    /// Saves <paramref name="values"/> (key → value; keys not given keep theirs, a value equal to the default follows the
    /// default from now on) as the version after <paramref name="basedOn"/>. When another save came first, nothing is
    /// saved and the versions missed are returned; when nothing changes, no version is added.
    /// </summary>
    public async Task<SettingsSaveOutcome> SaveAsync(ModuleManifest module, int basedOn, IReadOnlyDictionary<string, object?> values, string? comment, long userId, int? restoredFrom = null)
    {
        using (await db.WriterAsync())
        using (var connection = db.Open())
        using (var transaction = connection.BeginTransaction())
        {
            var latest = connection.QuerySingleOrDefault<Latest>($"{LatestSql} WHERE v.module_id = @id", new { id = module.Id }, transaction);
            var version = latest?.Version ?? 0;
            if (version != basedOn) return new(version, false, Versions(connection, transaction, module.Id, after: basedOn));
            var before = latest is null ? SettingValues.Defaults(module) : new SettingValues(module, Parse(module, latest.ValuesJson), version);
            var saved = Apply(module, before.Saved, values);
            var after = new SettingValues(module, saved, version + 1);
            var changes = module.Settings
                .Where(s => !Equals(before[s.Key], after[s.Key]))
                .Select(s => new SettingChange(s.Key, SettingChecks.ToJson(before[s.Key]!), SettingChecks.ToJson(after[s.Key]!)))
                .ToList();
            if (changes.Count == 0) return new(version, false, []);
            connection.Execute("""
                INSERT INTO module_setting_version (module_id, version, values_json, changes_json, comment, restored_from, saved_by, saved_at)
                VALUES (@id, @next, @valuesJson, @changesJson, @comment, @restoredFrom, @userId, @at)
                """, new
            {
                id = module.Id, next = version + 1, valuesJson = ToJson(saved), changesJson = JsonSerializer.Serialize(changes, Json),
                comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim(), restoredFrom, userId, at = clock.GetUtcNow().ToDb(),
            }, transaction);
            transaction.Commit();
            _snapshot = null;
            return new(version + 1, true, []);
        }
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private const string LatestSql = """
        SELECT v.module_id AS ModuleId, v.version AS Version, v.values_json AS ValuesJson FROM module_setting_version v
        JOIN (SELECT module_id, MAX(version) AS version FROM module_setting_version GROUP BY module_id) m
          ON m.module_id = v.module_id AND m.version = v.version
        """;

    // Values equal to the manifest's default are not kept: the setting follows the default, also when a new version of
    // the module changes it.
    private static Dictionary<string, object> Apply(ModuleManifest module, IReadOnlyDictionary<string, object> saved, IReadOnlyDictionary<string, object?> values)
    {
        var next = new Dictionary<string, object>(saved, StringComparer.Ordinal);
        foreach (var (key, value) in values)
        {
            var setting = module.Settings.Single(s => s.Key == key);
            if (value is null || Equals(value, setting.Default)) next.Remove(key);
            else next[key] = value;
        }
        return next;
    }

    private static string ToJson(IReadOnlyDictionary<string, object> saved)
    {
        var json = new JsonObject();
        foreach (var (key, value) in saved.OrderBy(p => p.Key, StringComparer.Ordinal)) json[key] = SettingChecks.ToJson(value);
        return json.ToJsonString();
    }

    // A value stored for a setting the module no longer declares, or no longer valid under its declaration (a new
    // version of the module narrowed the bounds), is left out: the setting follows its default until saved again.
    private static Dictionary<string, object> Parse(ModuleManifest module, string valuesJson)
    {
        using var document = JsonDocument.Parse(valuesJson);
        var values = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            if (module.Settings.FirstOrDefault(s => s.Key == property.Name) is not { } setting) continue;
            if (SettingChecks.Read(setting, property.Value) is ({ } value, null)) values[property.Name] = value;
        }
        return values;
    }

    private static List<SettingVersion> Versions(System.Data.IDbConnection connection, System.Data.IDbTransaction? transaction, string moduleId, int after) =>
        connection.Query<VersionRow>("""
            SELECT v.version AS Version, COALESCE(u.login, '') AS SavedBy, v.saved_at AS SavedAt, v.comment AS Comment,
                   v.restored_from AS RestoredFrom, v.changes_json AS ChangesJson
            FROM module_setting_version v LEFT JOIN auth_user u ON u.id = v.saved_by
            WHERE v.module_id = @moduleId AND v.version > @after
            ORDER BY v.version DESC
            """, new { moduleId, after }, transaction)
            .Select(r => new SettingVersion(r.Version, r.SavedBy, r.SavedAt, r.Comment, r.RestoredFrom,
                JsonSerializer.Deserialize<List<SettingChange>>(r.ChangesJson, Json)!))
            .ToList();

    private sealed class VersionRow
    {
        public int Version { get; init; }
        public string SavedBy { get; init; } = "";
        public DateTimeOffset SavedAt { get; init; }
        public string? Comment { get; init; }
        public int? RestoredFrom { get; init; }
        public string ChangesJson { get; init; } = "";
    }

    private Snapshot Current()
    {
        var snapshot = _snapshot;
        var now = Environment.TickCount64;
        if (snapshot is not null && now - snapshot.LoadedAt < Freshness) return snapshot;
        using var connection = db.Open();
        var rows = connection.Query<Latest>(LatestSql).ToDictionary(r => r.ModuleId, StringComparer.Ordinal);
        return _snapshot = new Snapshot(rows, now);
    }
}
