using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.Infrastructure.Database;
using CampaignEngine.Web.ModuleHost;
using Dapper;

namespace CampaignEngine.Web.Features.Campaigns;

internal sealed record MessageCounts
{
    public long Pending { get; init; }
    public long Sent { get; init; }
    public long Delivered { get; init; }
    public long Failed { get; init; }
    public long Skipped { get; init; }
    public long Clicked { get; init; }
    public long Pledged { get; init; }
    public long OptedOut { get; init; }

    public long Total => Pending + Sent + Delivered + Failed + Skipped;
}

/// <summary>The editable part of a campaign, validated and ready to store.</summary>
/// <param name="ProjectIds">The projects the campaign asks for; null keeps those it has.</param>
/// <param name="Title">The public titles to store (blank languages as null); null keeps those it has.</param>
internal sealed record CampaignDraft(
    string Name, string Template, string SegmentJson, string Channels, string WindowFrom, string WindowTo, string QuietDates,
    IReadOnlyList<long>? ProjectIds = null, PublicTitleRequest? Title = null);

/// <summary>
/// A campaign the product runs by itself; <see cref="Reopen"/>: a finished one sends again when it gets new rows.
/// <see cref="Channels"/>: its channels in order (where a failed message falls back to); null for every channel.
/// </summary>
internal sealed record SystemCampaign(
    string ModuleId, string Name, string Purpose, string Template, string WindowFrom, string WindowTo,
    Core.Reference.LocalizedText Title, long? CreatedBy, bool Reopen, IReadOnlyList<string>? Channels = null);

/// <summary>Reads and writes campaigns. The audience and the ledger live in their own classes.</summary>
internal sealed class CampaignStore(Db db, TimeProvider clock, ModuleRegistry modules)
{
    private const string Select = """
        SELECT id, module_id AS ModuleId, name, template, segment_json AS SegmentJson, channels,
               window_from AS WindowFrom, window_to AS WindowTo, quiet_dates AS QuietDates, status,
               launch_at AS LaunchAt, launched_at AS LaunchedAt, created_at AS CreatedAt, purpose,
               title_ky AS TitleKy, title_ru AS TitleRu, title_en AS TitleEn
        FROM campaign
        """;

    public long Create(string moduleId, CampaignDraft draft, long userId)
    {
        using var connection = db.Open();
        using var transaction = connection.BeginTransaction();
        var id = connection.ExecuteScalar<long>("""
            INSERT INTO campaign (module_id, name, template, segment_json, channels, window_from, window_to, quiet_dates, status, created_by, created_at,
                                  title_ky, title_ru, title_en)
            VALUES (@moduleId, @Name, @Template, @SegmentJson, @Channels, @WindowFrom, @WindowTo, @QuietDates, 'draft', @userId, @now,
                    @titleKy, @titleRu, @titleEn)
            RETURNING id
            """, new
            {
                moduleId, draft.Name, draft.Template, draft.SegmentJson, draft.Channels, draft.WindowFrom, draft.WindowTo, draft.QuietDates, userId, now = clock.GetUtcNow(),
                titleKy = CampaignTitle.Clean(draft.Title?.Ky), titleRu = CampaignTitle.Clean(draft.Title?.Ru), titleEn = CampaignTitle.Clean(draft.Title?.En),
            },
            transaction);
        if (draft.ProjectIds is { } projectIds) CampaignProjects.Replace(connection, transaction, id, projectIds);
        transaction.Commit();
        return id;
    }

    /// <summary>
    /// The system campaign of <paramref name="spec"/>, created sending on first use (certificate deliveries, pledge
    /// reminders): one per module and name, so a retry or a second run finds the same one. It gets the public titles
    /// of its purpose, so no reader sees its internal name; a finished one sends again when it gets new rows.
    /// </summary>
    public CampaignRow EnsureSystem(SystemCampaign spec)
    {
        var now = clock.GetUtcNow();
        using var connection = db.Open();
        connection.Execute("""
            INSERT INTO campaign (module_id, name, template, segment_json, channels, window_from, window_to, status, purpose, launched_at, created_by, created_at,
                                  title_ky, title_ru, title_en)
            VALUES (@ModuleId, @Name, @Template, '{}', @channels, @WindowFrom, @WindowTo, 'sending', @Purpose, @now, @CreatedBy, @now,
                    @ky, @ru, @en)
            ON CONFLICT DO NOTHING
            """, new
        {
            spec.ModuleId, spec.Name, spec.Template, channels = string.Join(';', spec.Channels ?? Core.Reference.Vocabulary.Channels), spec.WindowFrom, spec.WindowTo,
            spec.Purpose, now, spec.CreatedBy, ky = spec.Title.Ky, ru = spec.Title.Ru, en = spec.Title.En,
        });
        var id = connection.ExecuteScalar<long>("SELECT id FROM campaign WHERE module_id = @ModuleId AND name = @Name AND purpose = @Purpose", spec);
        if (spec.Reopen) connection.Execute("UPDATE campaign SET status = 'sending' WHERE id = @id AND status = 'completed'", new { id });
        return Find(id, AccessScope.Everything)!;
    }

    /// <summary>The campaign, if <paramref name="scope"/> sees its module's campaigns; otherwise as if there were none.</summary>
    internal CampaignRow? Find(long id, AccessScope scope)
    {
        var visible = scope.ForModules("module_id", modules);
        using var connection = db.Open();
        return connection.QuerySingleOrDefault<CampaignRow>($"{Select} WHERE id = @id AND {visible.Sql}", visible.With(new { id }));
    }

    internal IReadOnlyList<CampaignRow> List(AccessScope scope)
    {
        var visible = scope.ForModules("module_id", modules);
        using var connection = db.Open();
        return connection.Query<CampaignRow>($"{Select} WHERE {visible.Sql} ORDER BY id DESC LIMIT 500", visible.With()).ToList();
    }

    /// <summary>Changes name, titles, template, segment and channels while the campaign is still a draft.</summary>
    public bool UpdateDraft(long id, CampaignDraft draft)
    {
        using var connection = db.Open();
        using var transaction = connection.BeginTransaction();
        var changed = connection.Execute("""
            UPDATE campaign SET name = @Name, template = @Template, segment_json = @SegmentJson, channels = @Channels,
                                window_from = @WindowFrom, window_to = @WindowTo, quiet_dates = @QuietDates
            WHERE id = @id AND status = 'draft'
            """, new { id, draft.Name, draft.Template, draft.SegmentJson, draft.Channels, draft.WindowFrom, draft.WindowTo, draft.QuietDates }, transaction) == 1;
        if (!changed) return false;
        if (draft.Title is { } title)
            connection.Execute("UPDATE campaign SET title_ky = @ky, title_ru = @ru, title_en = @en WHERE id = @id",
                new { id, ky = CampaignTitle.Clean(title.Ky), ru = CampaignTitle.Clean(title.Ru), en = CampaignTitle.Clean(title.En) }, transaction);
        if (draft.ProjectIds is { } projectIds) CampaignProjects.Replace(connection, transaction, id, projectIds);
        transaction.Commit();
        return true;
    }

    public void SetStatus(long id, string status)
    {
        using var connection = db.Open();
        connection.Execute("UPDATE campaign SET status = @status WHERE id = @id", new { id, status });
    }

    public MessageCounts Counts(long id)
    {
        using var connection = db.Open();
        return connection.QuerySingle<MessageCounts>("""
            SELECT
              COUNT(*) FILTER (WHERE status IN ('pending', 'sending')) AS Pending,
              COUNT(*) FILTER (WHERE status = 'sent') AS Sent,
              COUNT(*) FILTER (WHERE status = 'delivered') AS Delivered,
              COUNT(*) FILTER (WHERE status = 'failed') AS Failed,
              COUNT(*) FILTER (WHERE status = 'skipped') AS Skipped,
              COUNT(*) FILTER (WHERE clicked_at IS NOT NULL) AS Clicked,
              (SELECT COUNT(DISTINCT compatriot_id) FROM pledge WHERE campaign_id = @id AND status <> 'cancelled') AS Pledged,
              COUNT(*) FILTER (WHERE error = 'opted-out') AS OptedOut
            FROM send_message WHERE campaign_id = @id
            """, new { id });
    }
}
