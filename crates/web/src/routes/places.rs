//! Districts and places: leaders and administrators add, edit, reorder and archive them. A place
//! that has records cannot be deleted, only archived. The changes are `gatelangs_app::places`'s;
//! these handlers parse the forms and render the pages.

use crate::auth::ForPrincipal;
use crate::routes::table::Routes;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use gatelangs_app::places::{self as app_places, Archivable};
use gatelangs_domain::field::{PlaceKind, SchoolLevel};
use gatelangs_domain::{DistrictId, PlaceId};
use gatelangs_storage::places::{self, Place, PlaceFields};
use serde::Deserialize;

use super::choice::{Choice, of_codes};
use super::labels;
use super::layout::Layout;
use crate::auth::{Can, PlaceEditor, Principal};
use crate::error::{AppError, AppResult};
use crate::form::Form;
use crate::i18n::Tr;
use crate::state::AppState;

pub fn router() -> Routes {
    Routes::new()
        .get("/places", get(list))
        .post("/places", post(create_place))
        .post("/places/districts", post(create_district))
        .post("/places/districts/{id}/archive", post(archive_district))
        .get("/places/{id}/edit", get(edit))
        .post("/places/{id}", post(update_place))
        .post("/places/{id}/move", post(move_place))
        .post("/places/{id}/archive", post(archive_place))
        .post("/places/{id}/delete", post(delete_place))
}

pub struct PlaceRow {
    pub id: String,
    pub name: String,
    pub kind: String,
    pub level: String,
    pub coordinates: String,
    pub archived: bool,
}

pub struct DistrictBlock {
    pub id: String,
    pub name: String,
    pub archived: bool,
    pub places: Vec<PlaceRow>,
}

/// The values of the place form, as typed.
#[derive(Deserialize, Default, Clone)]
pub struct PlaceForm {
    #[serde(default)]
    district: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    school_level: String,
    #[serde(default)]
    lat: String,
    #[serde(default)]
    lon: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "places.html")]
struct PlacesPage {
    layout: Layout,
    errors: Vec<String>,
    notice: Option<String>,
    districts: Vec<DistrictBlock>,
    district_options: Vec<Choice>,
    kind_options: Vec<Choice>,
    level_options: Vec<Choice>,
    form: PlaceForm,
}

#[derive(Template, WebTemplate)]
#[template(path = "place_edit.html")]
struct EditPage {
    layout: Layout,
    errors: Vec<String>,
    id: String,
    district_options: Vec<Choice>,
    kind_options: Vec<Choice>,
    level_options: Vec<Choice>,
    form: PlaceForm,
}

fn kind_options(tr: &Tr, chosen: &str) -> Vec<Choice> {
    of_codes(
        PlaceKind::ALL,
        PlaceKind::as_str,
        |k| labels::place_kind(tr, k),
        chosen,
    )
}

fn level_options(tr: &Tr, chosen: &str) -> Vec<Choice> {
    let mut out = vec![Choice {
        value: String::new(),
        label: "–".into(),
        selected: chosen.is_empty(),
    }];
    out.extend(of_codes(
        SchoolLevel::ALL,
        SchoolLevel::as_str,
        |l| labels::school_level(tr, l),
        chosen,
    ));
    out
}

async fn district_options(
    state: &AppState,
    editor: &PlaceEditor,
    chosen: &str,
) -> AppResult<Vec<Choice>> {
    let mut conn = state.store.conn().await?;
    Ok(places::list_districts(&mut conn, editor.service())
        .await?
        .into_iter()
        .filter(|d| !d.archived || d.id.to_string() == chosen)
        .map(|d| Choice {
            selected: d.id.to_string() == chosen,
            value: d.id.to_string(),
            label: d.name,
        })
        .collect())
}

#[derive(Deserialize, Default)]
struct Notice {
    done: Option<String>,
}

async fn render_list(
    state: &AppState,
    principal: &Principal,
    editor: &PlaceEditor,
    errors: Vec<String>,
    notice: Option<String>,
    form: PlaceForm,
) -> AppResult<PlacesPage> {
    let tr = principal.tr();
    let mut conn = state.store.conn().await?;
    let all_places = places::list_places(&mut conn, editor.service()).await?;
    let districts = places::list_districts(&mut conn, editor.service())
        .await?
        .into_iter()
        .map(|d| DistrictBlock {
            places: all_places
                .iter()
                .filter(|p| p.district_id == d.id)
                .map(|p| place_row(&tr, p))
                .collect(),
            id: d.id.to_string(),
            name: d.name,
            archived: d.archived,
        })
        .collect();
    drop(conn);
    Ok(PlacesPage {
        errors,
        notice,
        districts,
        district_options: district_options(state, editor, &form.district).await?,
        kind_options: kind_options(&tr, &form.kind),
        level_options: level_options(&tr, &form.school_level),
        form,
        layout: Layout::for_principal(principal, "places-title", "places", "/places"),
    })
}

fn place_row(tr: &Tr, p: &Place) -> PlaceRow {
    PlaceRow {
        id: p.id.to_string(),
        name: p.name.clone(),
        kind: labels::place_kind(tr, p.kind),
        level: p
            .school_level
            .map(|l| labels::school_level(tr, l))
            .unwrap_or_default(),
        coordinates: match (p.lat, p.lon) {
            (Some(lat), Some(lon)) => format!("{lat:.5}, {lon:.5}"),
            _ => String::new(),
        },
        archived: p.archived,
    }
}

async fn list(
    State(state): State<AppState>,
    principal: Principal,
    Query(n): Query<Notice>,
) -> AppResult<Response> {
    let editor = PlaceEditor::for_principal(&principal)?;
    let tr = principal.tr();
    let notice = n.done.map(|_| tr.t("places-saved"));
    Ok(render_list(
        &state,
        &principal,
        &editor,
        vec![],
        notice,
        PlaceForm::default(),
    )
    .await?
    .into_response())
}

/// Parses the form into place fields, or the messages saying what is wrong.
fn parse_place(tr: &Tr, form: &PlaceForm) -> Result<PlaceFields, Vec<String>> {
    let mut errors = vec![];
    let district = form
        .district
        .parse::<DistrictId>()
        .map_err(|_| errors.push(tr.t("places-bad-district")))
        .ok();
    let name = form.name.trim();
    if name.is_empty() || name.chars().count() > 200 {
        errors.push(tr.t("places-bad-name"));
    }
    let kind = form
        .kind
        .parse::<PlaceKind>()
        .map_err(|_| errors.push(tr.t("places-bad-kind")))
        .ok();
    let level = match form.school_level.trim() {
        "" => Some(None),
        l => l
            .parse::<SchoolLevel>()
            .map(Some)
            .map_err(|_| errors.push(tr.t("places-bad-kind")))
            .ok(),
    };
    let coord = |s: &str, range: f64| -> Result<Option<f64>, ()> {
        match s.trim().replace(',', ".") {
            t if t.is_empty() => Ok(None),
            t => t
                .parse::<f64>()
                .ok()
                .filter(|x| x.is_finite() && x.abs() <= range)
                .map(Some)
                .ok_or(()),
        }
    };
    let lat = coord(&form.lat, 90.0);
    let lon = coord(&form.lon, 180.0);
    let coordinates = match (lat, lon) {
        (Ok(lat), Ok(lon)) if lat.is_some() == lon.is_some() => Some((lat, lon)),
        _ => {
            errors.push(tr.t("places-bad-coordinates"));
            None
        }
    };
    match (district, kind, level, coordinates) {
        (Some(district_id), Some(kind), Some(school_level), Some((lat, lon)))
            if errors.is_empty() =>
        {
            Ok(PlaceFields {
                district_id,
                name: name.to_owned(),
                kind,
                school_level,
                lat,
                lon,
            })
        }
        _ => Err(errors),
    }
}

/// The list again with the message of a refused change.
async fn refused(
    state: &AppState,
    principal: &Principal,
    editor: &PlaceEditor,
    key: &str,
    form: PlaceForm,
    status: StatusCode,
) -> AppResult<Response> {
    let page = render_list(
        state,
        principal,
        editor,
        vec![principal.tr().t(key)],
        None,
        form,
    )
    .await?;
    Ok((status, page).into_response())
}

async fn create_place(
    State(state): State<AppState>,
    Can(principal, editor): Can<PlaceEditor>,
    Form(form): Form<PlaceForm>,
) -> AppResult<Response> {
    let tr = principal.tr();
    let fields = match parse_place(&tr, &form) {
        Ok(f) => f,
        Err(errors) => {
            let page = render_list(&state, &principal, &editor, errors, None, form).await?;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
    };
    match app_places::create_place(&state.store, &editor, &fields).await {
        Ok(_) => Ok(Redirect::to("/places?done=1").into_response()),
        Err(gatelangs_app::Error::Conflict(key) | gatelangs_app::Error::Invalid(key)) => {
            refused(
                &state,
                &principal,
                &editor,
                key,
                form,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
struct DistrictForm {
    name: String,
}

async fn create_district(
    State(state): State<AppState>,
    Can(principal, editor): Can<PlaceEditor>,
    Form(form): Form<DistrictForm>,
) -> AppResult<Response> {
    match app_places::create_district(&state.store, &editor, &form.name).await {
        Ok(()) => Ok(Redirect::to("/places?done=1").into_response()),
        Err(gatelangs_app::Error::Conflict(key) | gatelangs_app::Error::Invalid(key)) => {
            let form = PlaceForm::default();
            refused(
                &state,
                &principal,
                &editor,
                key,
                form,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

fn parse_id<T: std::str::FromStr>(id: &str) -> AppResult<T> {
    id.parse().map_err(|_| AppError::NotFound)
}

async fn edit(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let editor = PlaceEditor::for_principal(&principal)?;
    let tr = principal.tr();
    let place = {
        let mut conn = state.store.conn().await?;
        places::get_place(&mut conn, editor.service(), parse_id(&id)?).await?
    };
    let form = PlaceForm {
        district: place.district_id.to_string(),
        name: place.name.clone(),
        kind: place.kind.as_str().to_owned(),
        school_level: place
            .school_level
            .map(|l| l.as_str().to_owned())
            .unwrap_or_default(),
        lat: place.lat.map(|v| v.to_string()).unwrap_or_default(),
        lon: place.lon.map(|v| v.to_string()).unwrap_or_default(),
    };
    Ok(
        edit_page(&state, &principal, &editor, &tr, id, vec![], form)
            .await?
            .into_response(),
    )
}

async fn edit_page(
    state: &AppState,
    principal: &Principal,
    editor: &PlaceEditor,
    tr: &Tr,
    id: String,
    errors: Vec<String>,
    form: PlaceForm,
) -> AppResult<EditPage> {
    Ok(EditPage {
        layout: Layout::for_principal(
            principal,
            "places-edit-title",
            "places",
            &format!("/places/{id}/edit"),
        ),
        errors,
        id,
        district_options: district_options(state, editor, &form.district).await?,
        kind_options: kind_options(tr, &form.kind),
        level_options: level_options(tr, &form.school_level),
        form,
    })
}

async fn update_place(
    State(state): State<AppState>,
    Can(principal, editor): Can<PlaceEditor>,
    Path(id): Path<String>,
    Form(form): Form<PlaceForm>,
) -> AppResult<Response> {
    let tr = principal.tr();
    let place_id: PlaceId = parse_id(&id)?;
    let fields = match parse_place(&tr, &form) {
        Ok(f) => f,
        Err(errors) => {
            let page = edit_page(&state, &principal, &editor, &tr, id, errors, form).await?;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
    };
    match app_places::update_place(&state.store, &editor, place_id, &fields).await {
        Ok(()) => Ok(Redirect::to("/places?done=1").into_response()),
        Err(gatelangs_app::Error::Conflict(key)) => {
            let errors = vec![tr.t(key)];
            let page = edit_page(&state, &principal, &editor, &tr, id, errors, form).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
struct MoveForm {
    direction: String,
}

async fn move_place(
    State(state): State<AppState>,
    Can(_principal, editor): Can<PlaceEditor>,
    Path(id): Path<String>,
    Form(form): Form<MoveForm>,
) -> AppResult<Response> {
    let up = match form.direction.as_str() {
        "up" => true,
        "down" => false,
        _ => return Err(AppError::BadRequest("error-bad-form")),
    };
    let place_id: PlaceId = parse_id(&id)?;
    app_places::move_place(&state.store, &editor, place_id, up).await?;
    Ok(Redirect::to("/places").into_response())
}

#[derive(Deserialize)]
struct ArchiveForm {
    archived: String,
}

async fn set_archived(
    state: &AppState,
    editor: PlaceEditor,
    target: Archivable,
    form: ArchiveForm,
) -> AppResult<Response> {
    let archived = form.archived == "true";
    app_places::set_archived(&state.store, &editor, target, archived).await?;
    Ok(Redirect::to("/places?done=1").into_response())
}

async fn archive_place(
    State(state): State<AppState>,
    Can(_, editor): Can<PlaceEditor>,
    Path(id): Path<String>,
    Form(form): Form<ArchiveForm>,
) -> AppResult<Response> {
    set_archived(&state, editor, Archivable::Place(parse_id(&id)?), form).await
}

async fn archive_district(
    State(state): State<AppState>,
    Can(_, editor): Can<PlaceEditor>,
    Path(id): Path<String>,
    Form(form): Form<ArchiveForm>,
) -> AppResult<Response> {
    set_archived(&state, editor, Archivable::District(parse_id(&id)?), form).await
}

async fn delete_place(
    State(state): State<AppState>,
    principal: Principal,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let editor = PlaceEditor::for_principal(&principal)?;
    let place_id: PlaceId = parse_id(&id)?;
    match app_places::delete_place(&state.store, &editor, place_id).await {
        Ok(()) => Ok(Redirect::to("/places?done=1").into_response()),
        Err(gatelangs_app::Error::Conflict(key)) => {
            let form = PlaceForm::default();
            refused(&state, &principal, &editor, key, form, StatusCode::CONFLICT).await
        }
        Err(e) => Err(e.into()),
    }
}
