using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.Filters;
using CampaignEngine.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace CampaignEngine.Web.Infrastructure.Web;

/// <summary>
/// A query parameter the API call does not take is refused with 400 naming it, as an unknown field of a body is: a
/// misspelt filter (<c>?countri=RU</c>) would otherwise answer success with everyone, and a report or an export built
/// on it would be wrong without a word. Names match as binding matches them, whatever their case; <c>lang</c>, the
/// reader's language, is taken by every call (UiLanguage). Runs before binding, so the unknown name is what the caller
/// hears first.
/// </summary>
internal sealed class UnknownQueryParameters : IResourceFilter
{
    public void OnResourceExecuting(ResourceExecutingContext context)
    {
        var query = context.HttpContext.Request.Query;
        if (query.Count == 0 || !JsonApiActions.Serves(context.ActionDescriptor)) return;
        var taken = Taken.GetValue(context.ActionDescriptor, TakenBy);
        var unknown = query.Keys.Where(key => !taken.Contains(key) && !UiLanguage.IsQueryKey(key)).ToList();
        if (unknown.Count == 0) return;
        context.Result = Problems.Invalid(unknown.ToDictionary(key => key, _ => taken.Count == 0
            ? "is not a parameter of this call, which takes none"
            : $"is not a parameter of this call; it takes {string.Join(", ", taken.Order(StringComparer.Ordinal))}"));
    }

    public void OnResourceExecuted(ResourceExecutedContext context) { }

    // An action's names are fixed once it is built: worked out on its first call with a query, not on every one.
    private static readonly ConditionalWeakTable<ActionDescriptor, HashSet<string>> Taken = new();

    private static HashSet<string> TakenBy(ActionDescriptor action) => action.Parameters
        .Where(p => p.BindingInfo?.BindingSource is null || p.BindingInfo.BindingSource.CanAcceptDataFrom(BindingSource.Query))
        .Select(p => p.BindingInfo?.BinderModelName ?? p.Name)
        .ToHashSet(StringComparer.OrdinalIgnoreCase);
}
