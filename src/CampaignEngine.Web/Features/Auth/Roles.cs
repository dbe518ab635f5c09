namespace CampaignEngine.Web.Features.Auth;

internal static class Roles
{
    public const string Admin = "admin";
    public const string Officer = "officer";
    public const string Oblast = "oblast";
    public const string Leader = "leader";

    public static readonly IReadOnlyList<string> All = [Admin, Officer, Oblast, Leader];

    // Policy names used in [Authorize(Policy = ...)].
    public const string Staff = "staff";                 // admin, officer, oblast, leader
    public const string Campaigners = "campaigners";     // admin, officer, oblast
    public const string AdminOnly = "admin-only";
    public const string Recorders = "recorders";         // admin, officer, leader: who record people, pledges and fulfilments
    public const string National = "national";           // admin, officer: who export and erase people
}
