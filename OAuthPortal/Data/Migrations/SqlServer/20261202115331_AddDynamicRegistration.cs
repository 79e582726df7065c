using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OAuthPortal.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class AddDynamicRegistration : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Resources",
                table: "Grants",
                type: "varchar(2048)",
                unicode: false,
                maxLength: 2048,
                nullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "OwnerId",
                table: "Clients",
                type: "nvarchar(450)",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "nvarchar(450)");

            migrationBuilder.AddColumn<string>(
                name: "ClientUri",
                table: "Clients",
                type: "nvarchar(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Contacts",
                table: "Clients",
                type: "nvarchar(1024)",
                maxLength: 1024,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "InitialAccessTokenId",
                table: "Clients",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "RegisteredByProgram",
                table: "Clients",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<byte[]>(
                name: "RegistrationAccessTokenHash",
                table: "Clients",
                type: "varbinary(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SoftwareId",
                table: "Clients",
                type: "nvarchar(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SoftwareVersion",
                table: "Clients",
                type: "nvarchar(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Audience",
                table: "AccessTokens",
                type: "varchar(2048)",
                unicode: false,
                maxLength: 2048,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "InitialAccessTokens",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    TokenHash = table.Column<byte[]>(type: "varbinary(32)", maxLength: 32, nullable: false),
                    OwnerId = table.Column<string>(type: "nvarchar(450)", nullable: false),
                    Name = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    MultiUse = table.Column<bool>(type: "bit", nullable: false),
                    MaxClients = table.Column<int>(type: "int", nullable: false),
                    RegisteredClients = table.Column<int>(type: "int", nullable: false),
                    AllowedGrantTypes = table.Column<string>(type: "varchar(512)", unicode: false, maxLength: 512, nullable: true),
                    RevokedAt = table.Column<DateTime>(type: "datetime2", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InitialAccessTokens", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InitialAccessTokens_AspNetUsers_OwnerId",
                        column: x => x.OwnerId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ProtectedResources",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Uri = table.Column<string>(type: "varchar(512)", unicode: false, maxLength: 512, nullable: false),
                    Name = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProtectedResources", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ProtectedResourceScopes",
                columns: table => new
                {
                    ProtectedResourceId = table.Column<long>(type: "bigint", nullable: false),
                    ScopesId = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProtectedResourceScopes", x => new { x.ProtectedResourceId, x.ScopesId });
                    table.ForeignKey(
                        name: "FK_ProtectedResourceScopes_ProtectedResources_ProtectedResourceId",
                        column: x => x.ProtectedResourceId,
                        principalTable: "ProtectedResources",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ProtectedResourceScopes_Scopes_ScopesId",
                        column: x => x.ScopesId,
                        principalTable: "Scopes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Clients_InitialAccessTokenId",
                table: "Clients",
                column: "InitialAccessTokenId");

            migrationBuilder.CreateIndex(
                name: "IX_Clients_RegistrationAccessTokenHash",
                table: "Clients",
                column: "RegistrationAccessTokenHash",
                unique: true,
                filter: "[RegistrationAccessTokenHash] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_InitialAccessTokens_OwnerId",
                table: "InitialAccessTokens",
                column: "OwnerId");

            migrationBuilder.CreateIndex(
                name: "IX_InitialAccessTokens_TokenHash",
                table: "InitialAccessTokens",
                column: "TokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ProtectedResources_Uri",
                table: "ProtectedResources",
                column: "Uri",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ProtectedResourceScopes_ScopesId",
                table: "ProtectedResourceScopes",
                column: "ScopesId");

            migrationBuilder.AddForeignKey(
                name: "FK_Clients_InitialAccessTokens_InitialAccessTokenId",
                table: "Clients",
                column: "InitialAccessTokenId",
                principalTable: "InitialAccessTokens",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Clients_InitialAccessTokens_InitialAccessTokenId",
                table: "Clients");

            migrationBuilder.DropTable(
                name: "InitialAccessTokens");

            migrationBuilder.DropTable(
                name: "ProtectedResourceScopes");

            migrationBuilder.DropTable(
                name: "ProtectedResources");

            migrationBuilder.DropIndex(
                name: "IX_Clients_InitialAccessTokenId",
                table: "Clients");

            migrationBuilder.DropIndex(
                name: "IX_Clients_RegistrationAccessTokenHash",
                table: "Clients");

            migrationBuilder.DropColumn(
                name: "Resources",
                table: "Grants");

            migrationBuilder.DropColumn(
                name: "ClientUri",
                table: "Clients");

            migrationBuilder.DropColumn(
                name: "Contacts",
                table: "Clients");

            migrationBuilder.DropColumn(
                name: "InitialAccessTokenId",
                table: "Clients");

            migrationBuilder.DropColumn(
                name: "RegisteredByProgram",
                table: "Clients");

            migrationBuilder.DropColumn(
                name: "RegistrationAccessTokenHash",
                table: "Clients");

            migrationBuilder.DropColumn(
                name: "SoftwareId",
                table: "Clients");

            migrationBuilder.DropColumn(
                name: "SoftwareVersion",
                table: "Clients");

            migrationBuilder.DropColumn(
                name: "Audience",
                table: "AccessTokens");

            migrationBuilder.AlterColumn<string>(
                name: "OwnerId",
                table: "Clients",
                type: "nvarchar(450)",
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "nvarchar(450)",
                oldNullable: true);
        }
    }
}
