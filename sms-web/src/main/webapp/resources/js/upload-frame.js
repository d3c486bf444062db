/*
 * Faces sends an h:inputFile by Ajax through a hidden iframe (FacesFrameId) that it creates without a title;
 * WCAG 2.1 (frame-title) wants every frame named. Called as the f:ajax onevent of file fields.
 */
function smsUploadFrame(data) {
  var frame = document.getElementById('FacesFrameId');
  if (frame && !frame.title) {
    frame.title = document.documentElement.lang === 'en' ? 'File transfer' : '檔案傳送';
    frame.setAttribute('tabindex', '-1');
  }
}
