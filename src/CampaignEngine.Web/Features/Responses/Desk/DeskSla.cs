using CampaignEngine.Web.ModuleHost;
using CampaignEngine.Web.ModuleHost.Settings;

namespace CampaignEngine.Web.Features.Responses.Desk;

/// <summary>
/// When an answer is due: the module's <c>slaWorkingDays</c> setting (edited by its administration on the module's
/// settings page), else <c>Desk:SlaWorkingDays</c> for a module that declares none, else 10, counted in the Kyrgyz calendar.
/// </summary>
internal sealed class DeskSla(IConfiguration configuration, WorkingDays workingDays, ModuleRegistry modules, IModuleSettings settings)
{
    public const int DefaultWorkingDays = 10;

    public int WorkingDaysFor(string moduleId) =>
        (modules.Catalogued(moduleId) is { } module ? settings.Of(module).SlaWorkingDays : null)
        ?? configuration.GetValue("Desk:SlaWorkingDays", DefaultWorkingDays);

    public DateTimeOffset DueAt(string moduleId, DateTimeOffset receivedAt) => workingDays.AddWorkingDays(receivedAt, WorkingDaysFor(moduleId));
}
