using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace OAuthPortal.Areas.Developer.Pages;

/// <summary>What the shared client fields partial needs: the input, its errors, and whether http redirect URIs are allowed.</summary>
public sealed record ClientFieldsModel(ClientInput Input, ModelStateDictionary ModelState, bool AllowsHttp);
