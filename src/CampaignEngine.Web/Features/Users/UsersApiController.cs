using CampaignEngine.Core.Reference;
using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.Features.Compatriots;
using CampaignEngine.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Data.Sqlite;

namespace CampaignEngine.Web.Features.Users;

public sealed record UserForm(string? Login, string? Password, string? Role, string? Region, long? OrganizationId);

[Route("api/users")]
public sealed class UsersApiController(UserStore users, ApiKeyStore keys, OrganizationStore organizations, Audit.AuditLog audit) : ApiControllerBase
{
    [HttpPost]
    public IActionResult Create([FromBody] UserForm form)
    {
        if (!Me.IsAdmin) return Forbid();
        var login = form.Login?.Trim();
        if (string.IsNullOrEmpty(login)) return Problems.Invalid("login", "is required");
        if (login.Length > 64 || login.Any(char.IsWhiteSpace)) return Problems.Invalid("login", "must be at most 64 characters without spaces");
        if (PasswordRules.Problem(form.Password) is { } passwordProblem) return Problems.Invalid("password", passwordProblem);
        if (form.Role is null || !Roles.All.Contains(form.Role)) return Problems.Invalid("role", $"use one of {string.Join(", ", Roles.All)}");

        string? region = null;
        long? organizationId = null;
        if (form.Role == Roles.Oblast)
        {
            region = Regions.Find(form.Region)?.Code;
            if (region is null) return Problems.Invalid("region", "an oblast user needs a region: an ISO 3166-2 code (KG-Y) or an id (issyk-kul)");
        }
        else if (!string.IsNullOrWhiteSpace(form.Region))
            return Problems.Invalid("region", "only oblast users have a region");
        if (form.Role == Roles.Leader)
        {
            if (form.OrganizationId is not { } org || !organizations.Exists(org))
                return Problems.Invalid("organizationId", "a leader needs the id of an existing organisation");
            organizationId = org;
        }
        else if (form.OrganizationId is not null)
            return Problems.Invalid("organizationId", "only leaders belong to an organisation");

        if (users.LoginExists(login)) return Problems.Conflict($"The login '{login}' is taken.");
        long id;
        try
        {
            id = users.Create(new NewUser(login, form.Password!, form.Role, region, organizationId));
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 19)
        {
            // Two requests for the same login at once: the unique index decides.
            return Problems.Conflict($"The login '{login}' is taken.");
        }
        audit.Record(Me, "user.create", $"user/{id}", new { login, role = form.Role, region, organizationId = form.OrganizationId });
        return Created($"/api/users/{id}", new { id });
    }

    /// <summary>Creates an API key for a user (an admin for anyone, anyone for themself). The key is shown once.</summary>
    [HttpPost("{id:long}/api-keys")]
    public IActionResult CreateApiKey(long id, [FromBody(EmptyBodyBehavior = Microsoft.AspNetCore.Mvc.ModelBinding.EmptyBodyBehavior.Allow)] ApiKeyForm? form)
    {
        if (!Me.IsAdmin && Me.Id != id) return Problems.Forbidden("Only an admin creates keys for someone else.");
        if (users.Find(id) is null) return Problems.NotFound($"No user {id}.");
        var label = string.IsNullOrWhiteSpace(form?.Label) ? null : form.Label.Trim();
        if (label?.Length > ApiKeyStore.MaxLabelLength) return Problems.Invalid("label", $"must be at most {ApiKeyStore.MaxLabelLength} characters");
        var (keyId, key) = keys.Create(id, label: label);
        audit.Record(Me, "apikey.create", $"user/{id}", new { keyId });
        return Created($"/api/users/{id}/api-keys/{keyId}", new { id = keyId, key, label });
    }

    /// <summary>A user's keys without the keys themselves: what each is for, when it was last used, whether it is revoked.</summary>
    [HttpGet("{id:long}/api-keys")]
    public IActionResult ListApiKeys(long id)
    {
        if (!Me.IsAdmin && Me.Id != id) return Problems.Forbidden("Only an admin sees someone else's keys.");
        if (users.Find(id) is null) return Problems.NotFound($"No user {id}.");
        return Ok(keys.List(id).Select(ApiKeyJson.Describe));
    }
}

public sealed record ApiKeyForm(string? Label);

public static class ApiKeyJson
{
    public static object Describe(ApiKeyInfo k) => new
    {
        id = k.Id, userId = k.UserId, label = k.Label, prefix = k.Prefix, createdAt = k.CreatedAt, lastUsedAt = k.LastUsedAt,
        revoked = k.RevokedAt is not null, revokedAt = k.RevokedAt,
    };
}
