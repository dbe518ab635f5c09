using CampaignEngine.Web.Infrastructure.Database;
using Dapper;

namespace CampaignEngine.Web.Features.Projects;

internal sealed class ProjectStore(Db db, TimeProvider clock)
{
    private const string Select = """
        SELECT id, module_id AS ModuleId, region, village, sector, title_ky AS TitleKy, title_ru AS TitleRu, title_en AS TitleEn,
               description_ky AS DescriptionKy, description_ru AS DescriptionRu, description_en AS DescriptionEn,
               budget, currency, budget_usd AS BudgetUsd, share_state AS ShareState, share_local AS ShareLocal,
               share_diaspora AS ShareDiaspora, created_at AS CreatedAt
        FROM pledge_project
        """;

    public long Create(ProjectRequest r, string moduleId, string region, decimal budgetUsd, long userId)
    {
        using var connection = db.Open();
        return connection.ExecuteScalar<long>("""
            INSERT INTO pledge_project (module_id, region, village, sector, title_ky, title_ru, title_en, description_ky, description_ru,
                description_en, budget, currency, budget_usd, share_state, share_local, share_diaspora, created_by, created_at)
            VALUES (@moduleId, @region, @village, @sector, @titleKy, @titleRu, @titleEn, @descriptionKy, @descriptionRu,
                @descriptionEn, @budget, @currency, @budgetUsd, @state, @local, @diaspora, @userId, @now)
            RETURNING id
            """, new
        {
            moduleId, region, village = r.Village?.Trim(), sector = r.Sector, titleKy = r.Title!.Ky!.Trim(), titleRu = r.Title.Ru!.Trim(), titleEn = r.Title.En!.Trim(),
            descriptionKy = r.Description?.Ky?.Trim() ?? "", descriptionRu = r.Description?.Ru?.Trim() ?? "", descriptionEn = r.Description?.En?.Trim() ?? "",
            budget = r.Budget, currency = r.Currency!.ToUpperInvariant(), budgetUsd,
            state = Share(r, s => s.State), local = Share(r, s => s.Local), diaspora = Share(r, s => s.Diaspora), userId, now = clock.GetUtcNow(),
        });
    }

    public void Update(long id, ProjectRequest r, string moduleId, string region, decimal budgetUsd, long userId)
    {
        using var connection = db.Open();
        connection.Execute("""
            UPDATE pledge_project SET module_id = @moduleId, region = @region, village = @village, sector = @sector,
                title_ky = @titleKy, title_ru = @titleRu, title_en = @titleEn, description_ky = @descriptionKy,
                description_ru = @descriptionRu, description_en = @descriptionEn, budget = @budget, currency = @currency,
                budget_usd = @budgetUsd, share_state = @state, share_local = @local, share_diaspora = @diaspora,
                updated_by = @userId, updated_at = @now
            WHERE id = @id
            """, new
        {
            id, moduleId, region, village = string.IsNullOrWhiteSpace(r.Village) ? null : r.Village.Trim(), sector = string.IsNullOrWhiteSpace(r.Sector) ? null : r.Sector,
            titleKy = r.Title!.Ky!.Trim(), titleRu = r.Title.Ru!.Trim(), titleEn = r.Title.En!.Trim(),
            descriptionKy = r.Description?.Ky?.Trim() ?? "", descriptionRu = r.Description?.Ru?.Trim() ?? "", descriptionEn = r.Description?.En?.Trim() ?? "",
            budget = r.Budget, currency = r.Currency!.Trim().ToUpperInvariant(), budgetUsd,
            state = Share(r, s => s.State), local = Share(r, s => s.Local), diaspora = Share(r, s => s.Diaspora), userId, now = clock.GetUtcNow(),
        });
    }

    // No shares given: the diaspora carries the whole budget. Shares given: a missing one is zero.
    private static decimal Share(ProjectRequest r, Func<ProjectShares, decimal?> pick) =>
        r.Shares is null ? (pick(new ProjectShares(0, 0, 100)) ?? 0) : pick(r.Shares) ?? 0;

    public IReadOnlyList<ProjectListItem> ListWithProgress(string? region) =>
        List(region).Select(p => new ProjectListItem(p, Progress(p.Id))).ToList();

    public ProjectRow? Find(long id)
    {
        using var connection = db.Open();
        return connection.QuerySingleOrDefault<ProjectRow>($"{Select} WHERE id = @id", new { id });
    }

    public IReadOnlyList<ProjectRow> List(string? region)
    {
        using var connection = db.Open();
        return connection.Query<ProjectRow>($"{Select} WHERE (@region IS NULL OR region = @region) ORDER BY id DESC", new { region }).ToList();
    }

    /// <summary>
    /// Money by how far it is vouched for: confirmed (by staff, or by money that arrived and was approved), promised
    /// (pledged, not yet confirmed) and awaiting confirmation (a large sum through a link, shown nowhere in public).
    /// </summary>
    public ProjectProgress Progress(long id)
    {
        using var connection = db.Open();
        return connection.QuerySingle<ProjectProgress>("""
            SELECT COALESCE(SUM(CASE WHEN status IN ('confirmed', 'partially_fulfilled', 'fulfilled') THEN amount_usd END), 0) AS ConfirmedUsd,
                   COALESCE(SUM(CASE WHEN status = 'pledged' THEN amount_usd END), 0) AS PromisedUsd,
                   COALESCE(SUM(CASE WHEN status = 'awaiting_confirmation' THEN amount_usd END), 0) AS AwaitingUsd,
                   COALESCE(SUM(fulfilled_usd), 0) AS FulfilledUsd,
                   COALESCE(SUM(fulfilled_hours), 0) AS FulfilledHours,
                   COUNT(DISTINCT CASE WHEN status NOT IN ('cancelled', 'written_off', 'awaiting_confirmation') THEN compatriot_id END) AS Donors,
                   COUNT(DISTINCT CASE WHEN fulfilled_usd > 0 OR fulfilled_hours > 0 THEN compatriot_id END) AS FulfilledDonors
            FROM pledge WHERE project_id = @id
            """, new { id });
    }

    /// <summary>Names of donors who agreed to be named, shortened to first name and initial.</summary>
    public IReadOnlyList<string> ConsentingDonors(long id)
    {
        using var connection = db.Open();
        return connection.Query<string>("""
            SELECT DISTINCT c.full_name FROM pledge p JOIN directory_compatriot c ON c.id = p.compatriot_id
            WHERE p.project_id = @id AND p.public_name_consent = 1 AND (p.fulfilled_usd > 0 OR p.fulfilled_hours > 0)
            ORDER BY c.full_name
            """, new { id }).Select(Certificates.HolderName.Partial).ToList();
    }

    /// <summary>The update and its files' rows in one transaction: either the whole update appears or none of it.</summary>
    public long AddUpdate(long projectId, string text, string? link, IReadOnlyList<StoredUpload> files, long userId)
    {
        var now = clock.GetUtcNow();
        using var connection = db.Open();
        using var transaction = connection.BeginTransaction();
        var id = connection.ExecuteScalar<long>("""
            INSERT INTO pledge_project_update (project_id, text, link, created_by, created_at) VALUES (@projectId, @text, @link, @userId, @now)
            RETURNING id
            """, new { projectId, text, link, userId, now }, transaction);
        foreach (var file in files)
            connection.Execute("""
                INSERT INTO pledge_project_file (project_id, update_id, stored_name, content_type, original_name, size, created_at)
                VALUES (@projectId, @id, @StoredName, @ContentType, @OriginalName, @Size, @now)
                """, new { projectId, id, file.StoredName, file.ContentType, file.OriginalName, file.Size, now }, transaction);
        transaction.Commit();
        return id;
    }

    public IReadOnlyList<ProjectUpdate> Updates(long projectId)
    {
        using var connection = db.Open();
        var files = connection.Query<ProjectFile>("""
            SELECT id, project_id AS ProjectId, update_id AS UpdateId, stored_name AS StoredName, content_type AS ContentType,
                   original_name AS OriginalName, size
            FROM pledge_project_file WHERE project_id = @projectId ORDER BY id
            """, new { projectId }).ToLookup(f => f.UpdateId);
        return connection.Query<(long Id, string Text, string? Link, string CreatedAt)>(
                "SELECT id, text, link, created_at FROM pledge_project_update WHERE project_id = @projectId ORDER BY id DESC", new { projectId })
            .Select(u => new ProjectUpdate(u.Id, u.Text, u.Link, DateTimeOffset.Parse(u.CreatedAt, System.Globalization.CultureInfo.InvariantCulture), files[u.Id].ToList()))
            .ToList();
    }

    public ProjectFile? FindFile(long projectId, long fileId)
    {
        using var connection = db.Open();
        return connection.QuerySingleOrDefault<ProjectFile>("""
            SELECT id, project_id AS ProjectId, update_id AS UpdateId, stored_name AS StoredName, content_type AS ContentType,
                   original_name AS OriginalName, size
            FROM pledge_project_file WHERE id = @fileId AND project_id = @projectId
            """, new { projectId, fileId });
    }
}
