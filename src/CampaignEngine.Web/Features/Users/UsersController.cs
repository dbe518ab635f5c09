using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.Features.Compatriots;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Data.Sqlite;

namespace CampaignEngine.Web.Features.Users;

internal sealed record UsersPage(IReadOnlyList<UserSummary> Users, IReadOnlyList<Organization> Organizations, string? Created, TemporaryPassword? Password, string? Error);

internal sealed record UserPage(
    UserSummary User, IReadOnlyList<ApiKeyInfo> Keys, IReadOnlyList<Organization> Organizations, TemporaryPassword? Password, string? Message, string? Error);

/// <summary>
/// The admin's Users pages: every account with its state, new accounts (with a temporary password shown once),
/// and on each account disable/enable, role and scope, password reset and ending its sessions.
/// </summary>
[Route("users"), Authorize(Policy = Roles.AdminOnly)]
internal sealed class UsersController(
    UserStore users, ApiKeyStore keys, AccountLifecycle lifecycle, UserAdministration administration, OrganizationStore organizations, Audit.AuditLog audit,
    TimeProvider clock)
    : Controller
{
    [HttpGet("")]
    public IActionResult Index() => List();

    /// <summary>Creates a user with a temporary password, which they replace at their first sign-in.</summary>
    [HttpPost(""), ValidateAntiForgeryToken]
    public IActionResult Create([FromForm] string? login, [FromForm] string? role, [FromForm] string? region, [FromForm] long? organizationId)
    {
        login = login?.Trim();
        if (string.IsNullOrEmpty(login) || login.Length > 64 || login.Any(char.IsWhiteSpace)) return List(error: "users.error.login");
        var (scope, field, _) = CheckForm(role, region, organizationId);
        if (scope is null) return List(error: "users.error." + field);
        if (users.LoginExists(login)) return List(error: "users.error.taken");
        var password = AccountLifecycle.Generate();
        var until = clock.GetUtcNow() + AccountLifecycle.TemporaryPasswordLife;
        long id;
        try
        {
            id = users.Create(new NewUser(login, password, scope.Role, scope.Region, scope.OrganizationId), temporaryUntil: until);
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 19)
        {
            return List(error: "users.error.taken");
        }
        audit.Record(HttpContext.CurrentUser(), "user.create", $"user/{id}",
            new { login, role = scope.Role, region = scope.Region, organizationId = scope.OrganizationId, temporaryPassword = true });
        return List(created: login, password: new TemporaryPassword(password, until));
    }

    [HttpGet("{id:long}")]
    public IActionResult Detail(long id) => Page(id);

    [HttpPost("{id:long}/disable"), ValidateAntiForgeryToken]
    public IActionResult Disable(long id) => After(id, administration.Disable(HttpContext.CurrentUser(), id), "users.disabled");

    [HttpPost("{id:long}/enable"), ValidateAntiForgeryToken]
    public IActionResult Enable(long id) => After(id, administration.Enable(HttpContext.CurrentUser(), id), "users.enabled");

    [HttpPost("{id:long}/role"), ValidateAntiForgeryToken]
    public IActionResult ChangeRole(long id, [FromForm] string? role, [FromForm] string? region, [FromForm] long? organizationId)
    {
        if (lifecycle.Find(id) is null) return NotFound();
        var (scope, field, _) = CheckForm(role, region, organizationId);
        if (scope is null) return Page(id, error: "users.error." + field);
        return After(id, administration.ChangeRole(HttpContext.CurrentUser(), id, scope), "users.role-changed");
    }

    [HttpPost("{id:long}/password-reset"), ValidateAntiForgeryToken]
    public IActionResult ResetPassword(long id, [FromForm] bool revokeApiKeys = false)
    {
        var (outcome, password) = administration.ResetPassword(HttpContext.CurrentUser(), id, revokeApiKeys);
        if (password is null) return After(id, outcome, "");
        Response.Headers.CacheControl = "no-store";
        return Page(id, password: password, message: "users.password-reset");
    }

    [HttpPost("{id:long}/sessions/end"), ValidateAntiForgeryToken]
    public IActionResult EndSessions(long id) => After(id, administration.EndSessions(HttpContext.CurrentUser(), id), "users.sessions-ended");

    // The form offers a region and an organisation whatever the role; only the one the role needs is taken.
    private (RoleScope? Scope, string Field, string Error) CheckForm(string? role, string? region, long? organizationId) =>
        RoleScopeRules.Check(role, role == Roles.Oblast ? region : null, role == Roles.Leader ? organizationId : null, organizations);

    private IActionResult After(long id, AdminOutcome outcome, string message) => outcome switch
    {
        AdminOutcome.Done or AdminOutcome.Unchanged => Page(id, message: message),
        AdminOutcome.NotFound => NotFound(),
        AdminOutcome.Self => Page(id, error: "users.error.self", status: StatusCodes.Status409Conflict),
        _ => Page(id, error: "users.error.last-admin", status: StatusCodes.Status409Conflict),
    };

    private IActionResult List(string? created = null, TemporaryPassword? password = null, string? error = null)
    {
        if (error is not null) Response.StatusCode = StatusCodes.Status400BadRequest;
        return View("Index", new UsersPage(lifecycle.List(), organizations.List(), created, password, error));
    }

    private IActionResult Page(long id, TemporaryPassword? password = null, string? message = null, string? error = null, int status = StatusCodes.Status400BadRequest)
    {
        if (lifecycle.Find(id) is not { } user) return NotFound();
        if (error is not null) Response.StatusCode = status;
        return View("Detail", new UserPage(user, keys.List(id), organizations.List(), password, message, error));
    }

    /// <summary>What a user's scope reads as on the pages: the region's code or the organisation's name.</summary>
    public static string ScopeOf(UserSummary user, IReadOnlyList<Organization> organizations) =>
        user.Region ?? (user.OrganizationId is { } org ? organizations.FirstOrDefault(o => o.Id == org)?.Name ?? "#" + org.ToString(System.Globalization.CultureInfo.InvariantCulture) : "");
}
