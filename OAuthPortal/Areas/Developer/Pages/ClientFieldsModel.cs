using Microsoft.AspNetCore.Mvc.ModelBinding;
using OAuthPortal.Data;

namespace OAuthPortal.Areas.Developer.Pages;

/// <summary>
/// What the shared client fields partial needs: the input, its errors, whether http redirect URIs are allowed, the
/// scopes a client may choose as machine scopes, and the client's type (chosen on the form when registering, fixed when editing).
/// </summary>
public sealed record ClientFieldsModel(ClientInput Input, ModelStateDictionary ModelState, bool AllowsHttp)
{
    /// <summary>The scopes that are not user-only, by name.</summary>
    public IReadOnlyList<Scope> MachineScopeChoices { get; init; } = [];

    /// <summary>The type chosen (registering) or registered (editing).</summary>
    public ClientType Type { get; init; } = ClientType.Confidential;

    /// <summary>True when registering: the form has the type's radio buttons (name <c>Type</c>).</summary>
    public bool ChoosesType { get; init; }

    /// <summary>Editing: the method the client authenticates with now (wire name); null when registering.</summary>
    public string? CurrentMethod { get; init; }

    /// <summary>Editing: whether the client has a secret now (which private_key_jwt would delete).</summary>
    public bool HasSecret { get; init; }
}
