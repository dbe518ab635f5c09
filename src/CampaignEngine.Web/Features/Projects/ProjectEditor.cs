using CampaignEngine.Web.Features.Audit;
using CampaignEngine.Web.Features.Auth;

namespace CampaignEngine.Web.Features.Projects;

/// <summary>How a change to a project went: the id on success, else the problems by field, or "not yours".</summary>
internal sealed record ProjectOutcome(long? Id, IReadOnlyDictionary<string, string> Errors, bool Forbidden = false)
{
    public static ProjectOutcome Refused(string why) => new(null, new Dictionary<string, string> { ["region"] = why }, Forbidden: true);
    public static ProjectOutcome Invalid(string field, string why) => new(null, new Dictionary<string, string> { [field] = why });
}

/// <summary>
/// Posting and changing projects, shared by the pages and the API so both apply the same rules: oblast users
/// their own region only, national staff any, leaders none; every change audited (ids only).
/// </summary>
internal sealed class ProjectEditor(ProjectStore projects, ProjectValidation validation, ProjectFiles files, AuditLog audit)
{
    public const int MaxUpdateText = 4000;

    public ProjectOutcome Create(ProjectRequest request, CurrentUser user)
    {
        if (!MayPost(user)) return ProjectOutcome.Refused("Projects are posted by oblast administrations and officers.");
        var (errors, place) = validation.Check(request, user);
        if (place is not null && !ProjectValidation.MayManage(user, place.Region))
            return ProjectOutcome.Refused($"An oblast user of {user.Region} posts projects for {user.Region} only.");
        if (place is null) return new ProjectOutcome(null, errors);
        var id = projects.Create(request, place.ModuleId, place.Region, place.BudgetUsd, user.Id);
        audit.Record(user, "project.create", $"project/{id}", new { region = place.Region });
        return new ProjectOutcome(id, errors);
    }

    public ProjectOutcome Update(ProjectRow project, ProjectRequest request, CurrentUser user)
    {
        if (!ProjectValidation.MayManage(user, project.Region)) return ProjectOutcome.Refused("Only the project's oblast administration or an officer edits it.");
        var (errors, place) = validation.Check(request, user);
        if (place is not null && !ProjectValidation.MayManage(user, place.Region))
            return ProjectOutcome.Refused($"An oblast user of {user.Region} cannot move a project to another region.");
        if (place is null) return new ProjectOutcome(null, errors);
        projects.Update(project.Id, request, place.ModuleId, place.Region, place.BudgetUsd, user.Id);
        audit.Record(user, "project.update", $"project/{project.Id}", new { region = place.Region });
        return new ProjectOutcome(project.Id, errors);
    }

    public async Task<ProjectOutcome> AddUpdateAsync(ProjectRow project, string? text, string? link, IReadOnlyList<IFormFile> uploads, CurrentUser user, CancellationToken cancel)
    {
        if (!ProjectValidation.MayManage(user, project.Region)) return ProjectOutcome.Refused("Updates are posted by the project's oblast administration or an officer.");
        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxUpdateText) return ProjectOutcome.Invalid("text", $"Write the update (up to {MaxUpdateText:#,0} characters).");
        if (link is { Length: > 0 } && !(Uri.TryCreate(link, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"))
            return ProjectOutcome.Invalid("link", "Give a link to the photo or document (http or https).");
        var (stored, field, error) = await files.SaveAsync(uploads, cancel);
        if (error is not null) return ProjectOutcome.Invalid(field!, error);
        long id;
        try { id = projects.AddUpdate(project.Id, text.Trim(), string.IsNullOrWhiteSpace(link) ? null : link, stored, user.Id); }
        catch
        {
            files.Delete(stored);
            throw;
        }
        audit.Record(user, "project.post_update", $"project/{project.Id}", new { update = id, files = stored.Count });
        return new ProjectOutcome(id, new Dictionary<string, string>());
    }

    public static bool MayPost(CurrentUser user) => user.IsNational || user.Role == Roles.Oblast;
}
