namespace CampaignEngine.Web.Infrastructure.Templates;

internal sealed class TemplateOptions
{
    /// <summary>Folder holding <c>_shared/</c> and one folder per module; defaults to the copy shipped beside the binaries.</summary>
    public string Path { get; set; } = System.IO.Path.Combine(AppContext.BaseDirectory, "templates");
}
