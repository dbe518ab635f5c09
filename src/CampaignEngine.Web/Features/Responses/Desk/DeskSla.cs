namespace CampaignEngine.Web.Features.Responses.Desk;

/// <summary>
/// When an answer is due: a number of working days per module (<c>Modules:Settings:{id}:SlaWorkingDays</c>, else
/// <c>Desk:SlaWorkingDays</c>, else 10) counted in the Kyrgyz calendar.
/// </summary>
internal sealed class DeskSla(IConfiguration configuration, WorkingDays workingDays)
{
    public const int DefaultWorkingDays = 10;

    public int WorkingDaysFor(string moduleId) =>
        configuration.GetValue<int?>($"Modules:Settings:{moduleId}:SlaWorkingDays")
        ?? configuration.GetValue("Desk:SlaWorkingDays", DefaultWorkingDays);

    public DateTimeOffset DueAt(string moduleId, DateTimeOffset receivedAt) => workingDays.AddWorkingDays(receivedAt, WorkingDaysFor(moduleId));
}
