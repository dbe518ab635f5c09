using CampaignEngine.Web.Infrastructure.Database;
using Dapper;

namespace CampaignEngine.Web.Features.Projects;

public sealed class ProjectStore(Db db, TimeProvider clock)
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
            state = r.Shares?.State ?? 0, local = r.Shares?.Local ?? 0, diaspora = r.Shares?.Diaspora ?? 100, userId, now = clock.GetUtcNow(),
        });
    }

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

    public ProjectProgress Progress(long id)
    {
        using var connection = db.Open();
        return connection.QuerySingle<ProjectProgress>("""
            SELECT COALESCE(SUM(CASE WHEN status NOT IN ('cancelled', 'written_off') THEN amount_usd END), 0) AS PledgedUsd,
                   COALESCE(SUM(fulfilled_usd), 0) AS FulfilledUsd,
                   COALESCE(SUM(fulfilled_hours), 0) AS FulfilledHours,
                   COUNT(DISTINCT CASE WHEN status NOT IN ('cancelled', 'written_off') THEN compatriot_id END) AS Donors,
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

    public long AddUpdate(long projectId, string text, string? link, long userId)
    {
        using var connection = db.Open();
        return connection.ExecuteScalar<long>("""
            INSERT INTO pledge_project_update (project_id, text, link, created_by, created_at) VALUES (@projectId, @text, @link, @userId, @now)
            RETURNING id
            """, new { projectId, text, link, userId, now = clock.GetUtcNow() });
    }

    public IReadOnlyList<ProjectUpdate> Updates(long projectId)
    {
        using var connection = db.Open();
        return connection.Query<(long Id, string Text, string? Link, string CreatedAt)>(
                "SELECT id, text, link, created_at FROM pledge_project_update WHERE project_id = @projectId ORDER BY id DESC", new { projectId })
            .Select(u => new ProjectUpdate(u.Id, u.Text, u.Link, DateTimeOffset.Parse(u.CreatedAt, System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();
    }
}
