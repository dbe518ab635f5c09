using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.Features.Compatriots;
using CampaignEngine.Web.Features.Shared;
using CampaignEngine.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Data.Sqlite;

namespace CampaignEngine.Web.Features.Users;

internal sealed record UserForm(string? Login, string? Password, string? Role, string? Region, long? OrganizationId);

internal sealed record RoleForm(string? Role, string? Region, long? OrganizationId);

internal sealed record ResetForm(bool? RevokeApiKeys);

[Route("api/users")]
internal sealed class UsersApiController(
    UserStore users, ApiKeyStore keys, OrganizationStore organizations, AccountLifecycle lifecycle, UserAdministration administration, Audit.AuditLog audit)
    : ApiControllerBase
{
    /// <summary>Every user with their state (disabled, locked, on a temporary password), open sessions and last sign-in.</summary>
    [HttpGet, Authorize(Policy = Roles.AdminOnly)]
    public IActionResult List() => Ok(lifecycle.List().Select(UserJson.Describe));

    [HttpGet("{id:long}"), Authorize(Policy = Roles.AdminOnly)]
    public IActionResult Get(long id) => lifecycle.Find(id) is { } user ? Ok(UserJson.Describe(user)) : Problems.NotFound($"No user {id}.");

    /// <summary>Disables a user: they cannot sign in, their sessions end and their API keys are revoked.</summary>
    [HttpPost("{id:long}/disable"), Authorize(Policy = Roles.AdminOnly)]
    public IActionResult Disable(long id) => Answer(id, administration.Disable(Me, id));

    /// <summary>Enables a disabled user again; they sign in with their password and make new keys.</summary>
    [HttpPost("{id:long}/enable"), Authorize(Policy = Roles.AdminOnly)]
    public IActionResult Enable(long id) => Answer(id, administration.Enable(Me, id));

    /// <summary>Changes role and scope; the user's sessions end and their API keys are revoked.</summary>
    [HttpPut("{id:long}/role"), Authorize(Policy = Roles.AdminOnly)]
    public IActionResult ChangeRole(long id, [FromBody] RoleForm form)
    {
        var (scope, field, error) = RoleScopeRules.Check(form.Role, form.Region, form.OrganizationId, organizations);
        return scope is null ? Problems.Invalid(field, error) : Answer(id, administration.ChangeRole(Me, id, scope));
    }

    /// <summary>
    /// Gives the user a temporary password, returned here once: it must be changed at the next sign-in and stops
    /// working after three days. Their sessions end; <c>revokeApiKeys: true</c> revokes their keys as well.
    /// </summary>
    [HttpPost("{id:long}/password-reset"), Authorize(Policy = Roles.AdminOnly)]
    public IActionResult ResetPassword(long id, [FromBody(EmptyBodyBehavior = Microsoft.AspNetCore.Mvc.ModelBinding.EmptyBodyBehavior.Allow)] ResetForm? form)
    {
        var (outcome, password) = administration.ResetPassword(Me, id, form?.RevokeApiKeys == true);
        if (password is null) return Answer(id, outcome);
        Response.Headers.CacheControl = "no-store";
        return Ok(new { temporaryPassword = password.Password, expiresAt = password.Until, mustChangeAtSignIn = true });
    }

    /// <summary>Ends every signed-in session of the user (their API keys stay).</summary>
    [HttpDelete("{id:long}/sessions"), Authorize(Policy = Roles.AdminOnly)]
    public IActionResult EndSessions(long id) => Answer(id, administration.EndSessions(Me, id));

    private IActionResult Answer(long id, AdminOutcome outcome) => outcome switch
    {
        AdminOutcome.Done or AdminOutcome.Unchanged => Ok(UserJson.Describe(lifecycle.Find(id)!)),
        AdminOutcome.NotFound => Problems.NotFound($"No user {id}."),
        AdminOutcome.Self => Problems.Conflict("An admin changes their own account on their Security page (or asks another admin)."),
        _ => Problems.Conflict("This is the last enabled admin: make another admin first."),
    };

    [HttpPost]
    public IActionResult Create([FromBody] UserForm form)
    {
        if (!Me.IsAdmin) return Forbid();
        var login = form.Login?.Trim();
        if (string.IsNullOrEmpty(login)) return Problems.Invalid("login", "is required");
        if (login.Length > 64 || login.Any(char.IsWhiteSpace)) return Problems.Invalid("login", "must be at most 64 characters without spaces");
        if (PasswordRules.Problem(form.Password, login) is { } passwordProblem) return Problems.Invalid("password", passwordProblem);
        var (scope, field, error) = RoleScopeRules.Check(form.Role, form.Region, form.OrganizationId, organizations);
        if (scope is null) return Problems.Invalid(field, error);
        var (region, organizationId) = (scope.Region, scope.OrganizationId);

        if (users.LoginExists(login)) return Problems.Conflict($"The login '{login}' is taken.");
        long id;
        try
        {
            id = users.Create(new NewUser(login, form.Password!, scope.Role, region, organizationId));
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 19)
        {
            // Two requests for the same login at once: the unique index decides.
            return Problems.Conflict($"The login '{login}' is taken.");
        }
        audit.Record(Me, "user.create", $"user/{id}", new { login, role = scope.Role, region, organizationId });
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

internal sealed record ApiKeyForm(string? Label);

internal static class UserJson
{
    public static object Describe(UserSummary u) => new
    {
        id = u.Id, login = u.Login, role = u.Role, region = u.Region, organizationId = u.OrganizationId, createdAt = u.CreatedAt,
        disabled = u.DisabledAt is not null, disabledAt = u.DisabledAt, lockedUntil = u.LockedUntil,
        mustChangePassword = u.TemporaryPasswordUntil is not null, temporaryPasswordUntil = u.TemporaryPasswordUntil,
        openSessions = u.OpenSessions, lastSignIn = u.LastSignIn,
    };
}

internal static class ApiKeyJson
{
    public static object Describe(ApiKeyInfo k) => new
    {
        id = k.Id, userId = k.UserId, label = k.Label, prefix = k.Prefix, createdAt = k.CreatedAt, lastUsedAt = k.LastUsedAt,
        revoked = k.RevokedAt is not null, revokedAt = k.RevokedAt,
    };
}
